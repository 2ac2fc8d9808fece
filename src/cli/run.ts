// Process entry of the `lede` command (bin/lede.js loads the compiled copy).
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
