import { describeError, type CommandIO } from './command-support.js';

const MAIN_HELP = `lede — the Lede newsroom publishing platform

Usage: lede <command> [options]

Commands:
  serve            start the web site (PORT, default 3000)
  import FILE|DIR...  import news pages saved as plain text (folders recursively, resumable); one JSON line per story
  ingest FILE|DIR... read agency documents into the wire desk; one JSON line per item
  story ID|SLUG    show a stored story (--json for the API shape)
  migrate          apply pending database migrations
  user add|list    create newsroom accounts (lede user add --role admin EMAIL), list them

Options:
  -h, --help       show help (also: lede <command> --help)

Environment:
  LEDE_DATA_DIR    embedded database directory (default ./data)
  DATABASE_URL     use a PostgreSQL server instead (postgres://user:pass@host/db)
  PORT             HTTP port for serve (default 3000)
  LEDE_SITE_URL    public origin for canonical links (default http://localhost:PORT)
  LEDE_SITE_NAME   site name shown in the header (default "Lede Nachrichten")
`;

type Command = { help: string; run: (args: string[], io: CommandIO) => Promise<number> };

// Loaded on demand: `lede story` need not load the web server, `lede serve` not the importer.
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => { const m = await import('./serve-command.js'); return { help: m.SERVE_HELP, run: m.runServe }; },
  import: async () => { const m = await import('./import-command.js'); return { help: m.IMPORT_HELP, run: m.runImport }; },
  ingest: async () => { const m = await import('./ingest-command.js'); return { help: m.INGEST_HELP, run: m.runIngest }; },
  story: async () => { const m = await import('./story-command.js'); return { help: m.STORY_HELP, run: m.runStory }; },
  user: async () => { const m = await import('./user-command.js'); return { help: m.USER_HELP, run: m.runUser }; },
  migrate: async () => { const m = await import('./migrate-command.js'); return { help: m.MIGRATE_HELP, run: m.runMigrate }; },
};

/** Entry point; returns the exit code. Errors a user can cause print one line, never a stack trace. */
export async function main(argv: string[], io: CommandIO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    io.stdout.write(MAIN_HELP);
    return name ? 0 : 1;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr.write(`lede: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}. See lede --help.\n`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    io.stderr.write(`lede ${name}: ${describeError(err)}\n`);
    if (process.env.LEDE_DEBUG && err instanceof Error) io.stderr.write(`${err.stack}\n`);
    return 1;
  }
}
