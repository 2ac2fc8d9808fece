import type { NewsroomContext, NewsroomDeps } from '../http/context.js';
import type { EndpointRegistry } from '../http/endpoints.js';
import { pick } from './i18n.js';
import { NewsroomLayout } from './layout.js';
import { jsonIsland, page } from './story-text.js';

export const IMPORT_TEXT = {
  de: {
    title: 'Seitentext importieren', intro: 'Fügen Sie den Text einer Seite ein oder laden Sie eine .txt-Datei hoch. Daraus entsteht ein bearbeitbarer Entwurf.',
    text: 'Seitentext', file: 'Oder eine Textdatei (.txt)', submit: 'Importieren', noscript: 'Der Import braucht JavaScript.',
    client: {
      working: 'Importiert …', empty: 'Bitte Text einfügen oder eine Datei wählen.', failed: 'Der Import ist fehlgeschlagen:',
      offline: 'Keine Verbindung zum Server.', notText: 'Bitte eine Textdatei (.txt) wählen.', done: 'Entwurf angelegt. Der Editor wird geöffnet …',
    },
  },
  en: {
    title: 'Import page text', intro: 'Paste the text of a page or upload a .txt file. It becomes an editable draft.',
    text: 'Page text', file: 'Or a text file (.txt)', submit: 'Import', noscript: 'The import needs JavaScript.',
    client: {
      working: 'Importing …', empty: 'Please paste text or choose a file.', failed: 'The import failed:',
      offline: 'No connection to the server.', notText: 'Please choose a text file (.txt).', done: 'Draft created. Opening the editor …',
    },
  },
};

export const IMPORT_CSS = '.import textarea{min-height:16rem;font-family:ui-monospace,monospace;font-size:.9rem}';

export function registerImportPage(registry: EndpointRegistry, deps: NewsroomDeps): void {
  registry.add({
    method: 'GET', path: '/newsroom/import', permission: 'story.create', kind: 'page',
    handler: (c) => {
      const ctx = c as NewsroomContext;
      const lang = ctx.get('lang');
      const t = pick(IMPORT_TEXT, lang);
      return c.html(page(
        <NewsroomLayout title={t.title} lang={lang} session={ctx.get('session')} current="import"
          assets={{ css: deps.asset('newsroom.css'), scripts: [deps.asset('import.js')] }}>
          <h1>{t.title}</h1>
          <p>{t.intro}</p>
          <noscript><p class="notice error">{t.noscript}</p></noscript>
          <script type="application/json" id="import-config" dangerouslySetInnerHTML={{ __html: jsonIsland({ text: t.client }) }}></script>
          <form id="import-form" class="import panel" novalidate>
            <label for="import-text">{t.text}</label>
            <textarea id="import-text" name="text" rows={16}></textarea>
            <label for="import-file">{t.file}</label>
            <input id="import-file" name="file" type="file" accept=".txt,text/plain" />
            <div id="import-messages" role="alert" tabindex={-1}></div>
            <p><button type="submit" id="import-submit">{t.submit}</button> <span id="import-state" role="status"></span></p>
          </form>
        </NewsroomLayout>,
      ));
    },
  });
}
