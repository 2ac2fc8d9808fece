/**
 * Page furniture a crawler copies along with the article: share buttons, badges,
 * ratings, reading time, comment counters, cookie notes, footer links. Each
 * pattern matches a WHOLE short line only, so a sentence that merely mentions
 * "Teilen" or "Cookies" is never dropped. Media badges with a duration ("Video
 * 2 min") are not here: rails and body handle them, because in a rail they carry
 * the teaser's media type.
 */
const EXACT = new Set(
  [
    // Media badges without information of their own.
    'audiobeitrag', 'videobeitrag', 'mit video', 'mit audio', 'mit videos', 'mit audios', 'mit podcast', 'mit bildergalerie',
    'audio starten', 'video starten', 'abspielen', 'play', 'pause', 'video abspielen', 'audio abspielen', 'jetzt anhören', 'jetzt ansehen',
    'eilmeldung', 'exklusiv', 'neu', 'live', 'breaking', 'breaking news', 'anzeige', 'werbung', 'advertisement', 'sponsored', 'ad', 'werbung schließen',
    // A player's controls and states, and its links to the platforms.
    'vollbild', 'vollbildmodus', 'fullscreen', 'full screen', 'wiedergabe', 'untertitel', 'untertitel an', 'untertitel aus', 'lautstärke', 'volume',
    'stummschalten', 'ton an', 'ton aus', 'mute', 'unmute', 'loading the player...', 'loading the player…', 'video wird geladen', 'video wird geladen …',
    'video-player wird geladen', 'video-player wird geladen …', 'video-player wird geladen ...', 'inhalt nicht verfügbar', 'video nicht verfügbar',
    'einwilligen und anzeigen', 'externer inhalt', 'externen inhalt anzeigen', 'externe inhalte anzeigen', 'auf spotify hören', 'bei spotify hören',
    'auf apple podcasts hören', 'bei apple podcasts hören', 'auf deezer hören', 'auf youtube ansehen', 'auf youtube öffnen', 'listen on spotify',
    'listen on apple podcasts', 'watch on youtube',
    // An ad slot's link to the sales desk.
    'advertise with us', 'werben sie bei uns', 'hier werben', 'werben bei uns', 'mediadaten',
    // Account dialogs and prompts' buttons (more below with the share and tool bars).
    // ("Passwort vergessen", "Fast fertig", "Jetzt unterstützen" are matched with their sentences by the patterns below.)
    'registrierung', 'register', 'mein konto', 'my account', 'forgot password', 'forgot password?', 'konto erstellen', 'create account', 'nicht jetzt',
    // Share and tool bars.
    'teilen', 'drucken', 'link kopiert', 'link kopieren', 'link copied', 'copy link', 'artikel teilen', 'seite teilen', 'beitrag teilen',
    'share', 'share this', 'share this article', 'share page', 'print', 'email', 'e-mail', 'per e-mail', 'per e-mail versenden', 'mail',
    'facebook', 'twitter', 'x', 'x.com', 'whatsapp', 'telegram', 'pinterest', 'linkedin', 'xing', 'threads', 'bluesky', 'mastodon', 'instagram', 'reddit', 'flipboard',
    'vergrößern des bildes', 'bild vergrößern', 'bild in originalgröße', 'zur merkliste hinzufügen', 'auf die merkliste', 'artikel merken',
    'artikel mit bildergalerie', 'plus-artikel', 'premium-artikel',
    // An image's placeholder alt text, copied where the picture was.
    'responsive image', 'placeholder image', 'image placeholder', 'platzhalterbild', 'bildplatzhalter', 'vorschaubild', 'thumbnail',
    // A radio's now-playing strip.
    'on air', 'jetzt on air', 'jetzt läuft', 'gerade läuft', 'läuft gerade', 'now playing', 'jetzt im radio',
    'springe zum inhalt', 'springe zur navigation', 'zum hauptinhalt', 'direkt zur suche',
    'artikel verschenken', 'artikel schenken', 'gift article', 'gift this article',
    'volltextsuche', 'volltextsuche über das angebot', 'suche über das angebot',
    'change location', 'change edition', 'edition',
    'header', 'inhalt', 'box aufklappen', 'box zuklappen', 'box aufklappen box zuklappen',
    'subscribe now', 'membership', 'become a member',
    'merken', 'gemerkt', 'speichern', 'save', 'vorlesen', 'artikel vorlesen', 'listen', 'listen to this article', 'schriftgröße', 'text size',
    'kommentieren', 'kommentar schreiben', 'kommentare anzeigen', 'comment', 'comments', 'leave a comment',
    // Navigation and footer.
    'direkt zum inhalt', 'direkt zum inhalt wechseln', 'zum inhalt', 'zur navigation', 'navigation', 'hauptnavigation',
    'jump to content', 'not now', 'yes please', 'maybe later', 'no thanks', 'nein danke', 'später', 'ja, gerne', 'support now', 'log in / register',
    'sign up to our newsletters', 'uk edition', 'us edition', 'international edition', 'change edition',
    'main content', 'print subscriptions', 'here is the main story', 'voriger artikel', 'vorheriger artikel', 'nächster artikel', 'previous article', 'next article',
    'neuer abschnitt', 'per mail sharen', 'per mail teilen', 'zur startseite', 'startseite', 'nach oben', 'zurück nach oben', 'zum seitenanfang', 'seitenanfang', 'back to top', 'top', 'home',
    'zurück', 'weiter', 'back', 'next', 'previous', 'menü', 'menu', 'suche', 'search', 'schließen', 'close', 'mehr anzeigen', 'show more', 'mehr', 'more',
    'mehr laden', 'ältere einträge laden', 'weitere einträge laden', 'load more', 'alle anzeigen', 'see all',
    'anmelden', 'einloggen', 'login', 'log in', 'sign in', 'abmelden', 'registrieren', 'abonnieren', 'subscribe', 'newsletter', 'newsletter abonnieren',
    'impressum', 'datenschutz', 'datenschutzerklärung', 'kontakt', 'barrierefreiheit', 'erklärung zur barrierefreiheit', 'nutzungsbedingungen',
    'agb', 'hilfe', 'sitemap', 'privacy', 'privacy policy', 'terms', 'terms of use', 'cookies', 'cookie policy', 'accessibility', 'contact', 'contact us', 'about us',
    // Cookie banners.
    'cookie-einstellungen', 'cookie einstellungen', 'cookie settings', 'einstellungen', 'settings', 'alle akzeptieren', 'akzeptieren',
    'alle ablehnen', 'ablehnen', 'accept', 'accept all', 'reject all', 'decline', 'ok', 'verstanden', 'got it', 'zustimmen', 'einverstanden',
    'nur notwendige cookies', 'nur notwendige', 'necessary only', 'manage cookies', 'manage preferences',
  ].map((s) => s.toLowerCase()),
);

const PATTERNS: RegExp[] = [
  /^bewertung:?\s*\d+(?:[.,]\d+)?\s*(?:von|\/)\s*\d+(?:\s*sternen?)?\.?$/i,
  /^(?:rating|rated):?\s*\d+(?:\.\d+)?\s*(?:out of|of|\/)\s*\d+(?:\s*stars?)?\.?$/i,
  /^\d+(?:[.,]\d+)?\s*(?:von|\/|out of)\s*5\s*(?:sternen?|stars?)$/i,
  /^[★☆✩✪⭐\s]{3,}$/,
  /^(?:lesezeit|lesedauer|reading time|read time)\s*:?\s*(?:ca\.\s*)?\d+\s*(?:min(?:\.|uten|utes)?|minuten?)\.?$/i,
  /^\d+\s*(?:min(?:\.|utes?)?)\s*(?:read|lesezeit|lesen)$/i,
  /^(?:kommentare|comments|leserkommentare)\s*\(?\d*\)?$/i,
  // An embed's fallback: "Sie können den Tweet nicht sehen? Dann hier entlang.", "Can't see the post? Click here."
  /^(?:sie können den (?:tweet|post|beitrag|inhalt|x-post)|can'?t see (?:the|this) (?:tweet|post|embed))[^?]{0,30}\?\s*.{0,60}$/i,
  // "Schriftgrösse Aa Aa", "Text size A A A": a font-size tool.
  /^(?:schriftgrö(?:ß|ss)e|textgrö(?:ß|ss)e|text size|font size)(?:\s*:)?(?:\s+(?:aa|a|\+|-|a\+|a-))*$/i,
  // "Partner im Redaktionsnetzwerk Deutschland (RND)": a network line under the masthead.
  /^partner (?:im|des) redaktionsnetzwerk(?:s)? deutschland(?:\s*\(?rnd\)?)?$/i,
  // Account messages a crawl catches from hidden boxes: "Vielen Dank für Ihre Registrierung. …", "Ihr Konto ist aktiviert. …".
  /^(?:vielen dank für ihre (?:registrierung|bestellung|anmeldung)|ihr konto (?:ist|wurde) (?:jetzt )?aktiviert|thank you for (?:registering|subscribing|your order)|your account (?:is|has been) activated)\b.{0,200}$/i,
  // A paywall badge alone: "DOLO+", "GA+ Artikel", "Kostenpflichtiger Inhalt".
  /^(?:[\p{Lu}\d]{1,7}\s?\+(?:\s*(?:artikel|inhalt))?|kostenpflichtiger (?:inhalt|artikel)|bezahlinhalt|abo-inhalt|premium-inhalt)$/iu,
  // A footer's copyright: "©2024 CBC/Radio-Canada. All rights reserved.", "© 2024 Verlag GmbH – Alle Rechte vorbehalten".
  /^(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)\s*[^©]{2,80}?[.,–-]?\s*(?:all rights reserved|alle rechte vorbehalten)\.?$/i,
  // … or the year and a company ("© 2024 Beispiel Medien GmbH", "© 2024 Verlag XY AG"): a picture's credit names no year first.
  /^(?:©|\(c\)|copyright)\s*\d{4}(?:\s*[-–]\s*\d{4})?\s+[^©]{2,60}\b(?:gmbh|ag|kg|se|ltd|llc|inc|verlag|medien|media|mediengruppe|zeitung|rundfunk)\.?$/i,
  // "Möchten Sie zur mobilen Ansicht wechseln?" / "Ja Nein": a version switch.
  /^(?:möchten sie zur (?:mobilen|desktop)[- ]?(?:ansicht|version|seite) wechseln\??|ja nein|switch to (?:the )?(?:mobile|desktop) (?:site|version|view)\??)$/i,
  // "Account/Login", "Anmelden | Registrieren": account links.
  /^(?:account|konto|mein konto|login|log in|anmelden|einloggen|registrieren|register|sign in|sign up|abo)(?:\s*[/|]\s*(?:account|konto|login|log in|anmelden|einloggen|registrieren|register|sign in|sign up|abo|abonnieren|subscribe))+$/i,
  // "Kommentare lesen (48 Beiträge)", "In Pocket speichern", "Save to Pocket": comment links and read-later tools.
  /^(?:kommentare|leserkommentare|comments)\s+(?:lesen|anzeigen|ansehen|read|show)\s*\(\d+(?:\s+(?:beiträge|kommentare|comments))?\)$/i,
  /^(?:(?:in|auf|bei|zu)\s+(?:pocket|flipboard|instapaper)\s+(?:speichern|merken|teilen)|save to (?:pocket|instapaper|flipboard))$/i,
  /^\d+\s*(?:kommentare?|comments?|postings?|reaktionen|leserbriefe)$/i,
  /^(?:teilen|share)\s*(?:auf|on|via|per)\s+\S+(?:\s+\S+)?$/i,
  /^(?:teilen|share)(?:\s*[|·•/]\s*(?:facebook|twitter|x|whatsapp|e-?mail|drucken|print|linkedin|telegram|xing|threads|bluesky|mastodon|link kopieren|copy link))+$/i,
  /^(?:facebook|twitter|x|whatsapp|e-?mail|drucken|print|linkedin|telegram|xing|mastodon)(?:\s*[|·•/]\s*(?:facebook|twitter|x|whatsapp|e-?mail|drucken|print|linkedin|telegram|xing|mastodon|link kopieren))+$/i,
  /^(?:wir verwenden|diese (?:website|seite|webseite) (?:verwendet|nutzt)|wir nutzen|we use|this (?:website|site) uses)\s+cookies\b.{0,400}$/i,
  /^(?:mit (?:dem|der) (?:nutzung|weiteren nutzung|klick)|by (?:continuing|using) (?:this|our)).{0,200}cookies.{0,200}$/i,
  // Consent notices in the site's own voice with its partners and the reader's device or data ("Wir und unsere Partner speichern
  // Informationen auf Ihrem Gerät …", "We and our partners store and/or access information on a device").
  /^(?:wir|we)\b.{0,60}\b(?:partner|partners)\b.{0,300}\b(?:personenbezogene daten|personal data|(?:auf|on) (?:ihrem|ihren|your|a) (?:gerät|endgerät|endgeräten|device))\b.{0,500}$/i,
  /^(?:artikel|beitrag|text) (?:anhören|vorlesen lassen|vorlesen)\b.{0,30}$/i,
  /^(?:listen to (?:this )?(?:article|story))\b.{0,30}$/i,
  /^(?:zum|zur) (?:artikel|beitrag|video|audio|sendung|liveticker|ticker|seite|übersicht|mediathek|audiothek)$/i,
  // Skip links, numbered or not ("Skip to content", "1. Skip to main content", "3. Skip to more DW sites", "Zum Inhalt springen",
  // "3. Zu weiteren Angeboten der DW springen").
  /^(?:\d{1,2}\.\s*)?(?:(?:skip|jump) to (?:the )?(?:main )?(?:content|menu|navigation|search|footer|more [\w ]{2,20} sites)|(?:zum|zur|zu|direkt zu[mr]?) (?:hauptinhalt|inhalt|navigation|hauptnavigation|suche|fußzeile|menü|weiteren angeboten[\w ]{0,20}) springen)$/i,
  // BR24's media badges ("Artikel mit Audio-Inhalten"), with the badge's label glued on: "Artikel mit Bild-InhaltenBildbeitrag".
  /^artikel mit (?:bild|audio|video)-inhalten(?:bildbeitrag|audiobeitrag|videobeitrag)?$/i,
  // A picture's toggle for its caption ("Bildtext einblenden", "Bildunterschrift anzeigen", "Show caption").
  /^(?:bildtext|bildunterschrift|bildbeschreibung|bildinformationen?) (?:anzeigen|einblenden|ausblenden|verbergen|schließen)$/i,
  /^(?:show|hide|toggle) caption$/i,
  // A rating's average printed alone ("4.4", "3,9").
  /^[0-5][.,]\d$/,
  /^(?:video|audio|podcast) (?:abspielen|starten|anhören|ansehen|herunterladen|download)$/i,
  // The player's button with its length read out: "Audio abspielen. Laufzeit 3 Minuten 12 Sekunden.", "Play video, duration 2:41".
  /^(?:(?:video|audio|podcast|beitrag) (?:abspielen|starten|anhören|ansehen)|play (?:video|audio|episode))[.,]?\s+(?:laufzeit|dauer|länge|duration|length)\b[\s:]*[\d:]+(?:\s*(?:minuten|min\.?|sekunden|sek\.?|seconds|secs?|minutes|mins?)\.?)*(?:\s+\d+\s*(?:sekunden|sek\.?|seconds|secs?)\.?)?$/i,
  /^(?:seite|page) \d+ (?:von|of) \d+$/i,
  // A subscription offer's lines ("• Jetzt für nur 0,99€ im ersten Monat testen", "• Jederzeit kündbar").
  /^(?:[•·▪–-]\s*)?(?:jetzt\s+)?(?:für nur|nur|ab)\s+\d+(?:[,.]\d{2})?\s?(?:€|euro\b).{0,60}$/iu,
  /^(?:[•·▪–-]\s*)?(?:jederzeit|monatlich|täglich) kündbar\.?$/iu,
  /^(?:unbegrenzter|unlimitierter|voller|uneingeschränkter) zugang (?:zu|auf) .{3,80}$/iu,
  // A player's button and a gallery's count ("WEBRADIO STARTEN", "18 Bilder").
  /^(?:webradio|livestream|radio|stream|live-?stream) (?:starten|hören|anhören|abspielen)$/iu,
  /^\d{1,3} (?:bilder|fotos|photos|images)$/iu,
  // A reader-support appeal ("Readers like you keep The Journal going.", "Every contribution, big or small, helps us …",
  // "Unterstützen Sie unabhängigen Journalismus").
  /^(?:readers like you (?:keep|make|help)|every contribution,? (?:big or small|however big or small)|(?:please )?support (?:us|our journalism|independent journalism)\b|unterstützen sie (?:uns|unseren journalismus|unabhängigen journalismus)\b|jetzt (?:unterstützen|spenden)\b).{0,200}$/iu,
  // An account dialog's lines (Tageswoche): "Mit Ihrem Benutzerkonto können Sie …", "Wir haben Ihnen eine E-Mail geschickt. …".
  /^(?:[•·▪–-]\s*)?(?:mit ihrem (?:benutzer|kunden|nutzer|leser)konto|(?:das|ihr) (?:benutzer|kunden|nutzer|leser)konto (?:ist|kann|wird))\b.{0,250}$/iu,
  /^(?:(?:vielen )?danke? für ihre (?:registrierung|anmeldung)|ihr (?:konto|benutzerkonto|kundenkonto) ist (?:jetzt )?aktiv|wir haben ihnen (?:eine|soeben eine) e-?mail (?:geschickt|gesendet)|bitte (?:prüfen|bestätigen) sie ihren? (?:posteingang|e-?mail-adresse)|passwort (?:vergessen|wiederherstellen|zurücksetzen)|fast fertig)\b.{0,200}$/iu,
  // The site's name and slogan ("Peiner Allgemeine | Ihre Zeitung aus Peine", "… | Nachrichten aus Dresden").
  /^[^|]{3,60}\|\s*(?:ihre|deine|die|unsere) (?:zeitung|tageszeitung|heimatzeitung|nachrichten|stimme) (?:aus|für|in|im|der) .{2,40}$/iu,
  // A player's prompt, a consent box for embedded content, a comment box's question.
  /^(?:press play to listen to this (?:article|story)|empfohlener externer inhalt|externer inhalt|sie möchten kommentieren\??)$/iu,
  // A topic bar, its links run together ("Topthemen: Kirmes-SaisonFreies Wort hilftSport-Tabellen").
  /^(?:topthemen|top-themen|top themen|trending|trends|im trend|beliebte themen)\s*:\s*\S.{0,400}$/iu,
  // A script's placeholder left in the crawl ("Lade Login-Box.", "Lade Inhalte …").
  /^(?:lade|loading)\s+[\p{L}-]{3,30}(?:\s*\.{1,3}|…)?$/iu,
  /^(?:lade|laden|loading|wird geladen|inhalt wird geladen)\s*(?:\.{1,3}|…)$/iu,
  // A paywall's prompts ("Jetzt weiterlesen?", "Noch kein Abonnent?", "Jetzt kaufen", "Weiterlesen mit ZFK Plus").
  /^(?:jetzt\s+)?weiterlesen(?:\s+mit\s+[\p{L}\d+ -]{2,30})?\s*[?!]?$/iu,
  /^noch (?:kein|keine|nicht) (?:abonnent|abonnentin|abo|kunde|kundin|mitglied)\s*\??$/i,
  /^jetzt (?:kaufen|bestellen|freischalten|abonnieren|abo abschließen)\s*!?$/i,
  // A reader-revenue appeal with its link ("Support our Nation today - please donate here").
  /^support (?:our|us|the) [\p{L} ]{2,30}(?:today)?\s*[-–—:]\s*(?:please )?(?:donate|give|subscribe|join)\b.{0,30}$/iu,
  // A nonprofit newsroom's appeal and its button ("You make this possible. Support our independent, nonprofit newsroom
  // today.", "Support nonprofit journalism", "Give Now", "Donate today"): a short line that asks for support of the journalism.
  /^(?:[^.!?]{0,40}[.!?]\s+)?support (?:our |us |the )?(?:independent|nonprofit|non-profit|local|public|community|trusted)[\p{L}, -]{0,40}(?:journalism|newsroom|news|reporting|radio)(?: today| now)?[.!]?$/iu,
  /^(?:give|donate|donate here|make a donation)(?: now| today)?[.!]?$/i,
  // An author's avatar by its alt text ("Avatar photo", "Author avatar", WordPress themes).
  /^(?:avatar(?: photo| image)?|author avatar|(?:profile|author) (?:photo|picture|image))$/i,
  // A link with its counter left empty ("More () »", "Kommentare ()").
  /^[\p{L} ]{2,20}\s*\(\s*\)\s*[»›>]?$/u,
  // A masthead's founding line ("Established 1872. Online since 1996.", "Gegründet 1848").
  /^(?:established|founded|est\.|gegründet|seit)\s+(?:in\s+)?\d{4}\b(?:[.,]?\s*(?:online|digital|im netz)\s+(?:since|seit)\s+\d{4})?\.?$/i,
  // A subscription prompt ("Subscribe to Our Print and Digital Editions").
  /^subscribe (?:to|for) (?:our|the) [\p{L}& ]{3,40}(?:editions?|newsletters?|paper)$/iu,
  // A default picture's name ("RADIOSZENE Standardbild").
  /^(?:[\p{L}\d.-]{2,30}\s+)?(?:standardbild|platzhalterbild|default image|placeholder image)$/iu,
  // A time slot the CMS left empty ("Uhr" alone under the headline).
  /^uhr$/i,
  /^(?:javascript|js) (?:ist |is )?(?:deaktiviert|disabled).{0,200}$/i,
  /^(?:bitte aktivieren sie javascript|please enable javascript).{0,200}$/i,
  /^(?:dieser (?:inhalt|beitrag) (?:ist|wurde) (?:nicht mehr verfügbar|depubliziert)).{0,120}$/i,
  /^(?:externer inhalt|external content)$/i,
  // "Wir suchen Verstärkung! Hier geht es zu unseren offenen Stellen.", "(Hier geht es zur Übersicht …)": a link's invitation.
  /^(?:[>(]{1,3}\s*)?(?:[^.!?]{0,60}[.!?]\s+)?hier geht(?:'s|’s| es) (?:zu|zum|zur) [^.!?]{2,70}[.!]?\s*(?:[<)]{1,3})?$/i,
  // "NEWYou can now listen to Fox News articles!": the read-aloud player's notice.
  /^(?:new\s*)?you can now listen to [^.!?]{2,40} articles!?$/i,
  // "CLICK HERE TO GET THE FOX NEWS APP".
  /^click here to (?:get|download|sign up|subscribe)\b.{0,60}$/i,
  // "Sie sehen gerade einen Platzhalterinhalt von YouTube. Um auf den eigentlichen Inhalt zuzugreifen, …": an embed's
  // consent placeholder.
  /^sie sehen gerade einen platzhalterinhalt von .{2,40}\..{0,300}$/i,
  /^(?:inhalt entsperren|(?:erforderlichen )?service akzeptieren und inhalte? entsperren|inhalte? laden|externe inhalte? laden|video laden)$/i,
  // "🎙️ Voice is AI-generated. Inconsistencies may occur.": the read-aloud player's note.
  /^\W{0,4}\s*(?:voice is ai-generated|this (?:audio|voice) is (?:ai-)?generated|diese stimme ist ki-generiert)\b.{0,60}$/iu,
  // "Jetzt 30 Tage kostenlos testen", "Sie haben schon ein Abo?", "Alle Abos im Überblick": a paywall's offer.
  /^(?:jetzt\s+)?(?:\d{1,2}|einen|zwei|drei|vier)\s+(?:tage?|wochen?|monate?)\s+(?:lang\s+)?(?:kostenlos|gratis|für 0 ?€)\s+(?:testen|lesen)\.?$/i,
  /^(?:sie haben (?:schon|bereits) ein abo\??|alle abos im überblick|zu den abos|abo abschließen)$/i,
  // "Mood image for …", "Article image for …" (Tsüri): a picture's generated alt text.
  /^(?:mood|article|header|teaser|hero) image for\s.{2,200}$/i,
  // "Icon: OneFootball", "Image of the article:The week's …": an icon's or the lead picture's labelled alt text.
  /^(?:icon|logo)\s*:\s*\S.{0,40}$/i,
  /^(?:image|picture|bild) (?:of|zu|zum) (?:the|dem) (?:article|artikel)\s*:.{0,200}$/i,
  // "facebooktwitterreddit", "FacebookXWhatsAppE-Mail": share buttons' names run together without spaces.
  /^(?:facebook|twitter|reddit|whatsapp|e-?mail|linkedin|pinterest|telegram|flipboard|xing|messenger|threads|bluesky|mastodon|x|drucken|print|teilen|share|copy ?link|link kopieren){2,8}$/i,
  // A search box's "Alle Treffer anzeigen"; an app's promotion "Jetzt auch für: iPhone, iPad, Android und Windows".
  /^(?:alle (?:treffer|ergebnisse)(?: mit)? anzeigen|all results)$/i,
  /^(?:jetzt )?(?:auch )?(?:für|als app für|available (?:for|on))\s*:?\s*(?:(?:iphone|ipad|android|windows|ios|mac)(?:,\s*|\s+(?:und|and)\s+|$)){2,5}$/i,
  // A comment form's heading (WordPress): "Schreibe einen Kommentar", "Leave a Reply".
  /^(?:schreibe einen kommentar|kommentar (?:schreiben|verfassen|hinterlassen)|leave a (?:reply|comment)|antworten abbrechen|cancel reply|post a comment)$/i,
  // "Anzeige | Hier können Sie werben": an ad slot's label with its own advertisement.
  /^(?:anzeige|werbung)\s*[|:·–-]\s*(?:hier|jetzt)\b.{0,40}\bwerben\b.{0,20}$/i,
  // "Partner von:", "Präsentiert von": a sponsor's label over its logo.
  /^(?:partner von|in (?:kooperation|zusammenarbeit) mit|präsentiert von|gesponsert von|sponsored by|presented by|in partnership with|powered by)\s*:?$/i,
  // "Inhalt aus Datenschutzgründen blockiert": an embed's placeholder until the reader consents.
  /^(?:inhalt|inhalte|video|beitrag) (?:aus datenschutzgründen|wegen ihrer datenschutzeinstellungen) (?:blockiert|ausgeblendet|nicht (?:geladen|angezeigt))$/i,
  // Skip links before blog posts, video player placeholders.
  /^(?:skip next section|skip previous section|nächsten abschnitt überspringen)\b.{0,200}$/i,
  /^(?:videoplayer|video player|audioplayer|audio player)$/i,
  // "Click here to share on social media", "Jetzt live zuhören!", "Jetzt reinhören": a button's label.
  /^(?:click|tap) (?:here )?to share\b.{0,40}$/i,
  /^jetzt (?:live )?(?:zuhören|reinhören|anhören|einschalten|mithören)!?$/i,
  // A radio site's now-playing line: "Seit 16:00 Uhr Nachrichten", "Jetzt läuft: …".
  /^seit \d{1,2}:\d{2} uhr\s.{1,60}$/i,
  // "Jetzt läuft: Artist – Song" (a colon, or the song after a dash); "Jetzt läuft der Umbau …" is a sentence.
  /^(?:jetzt läuft|now playing)(?::\s.{1,60}|\s.{1,40}\s[-–—]\s.{1,40})$/i,
  /^(?:video|audio|podcast) herunterladen\s*\([^()]{1,40}\)$/i,
  // A player's position and length ("00:00 / 21:37").
  /^\d{1,2}:\d{2}(?::\d{2})?\s*\/\s*\d{1,2}:\d{2}(?::\d{2})?$/,
  // A download box's formats and its hint: "Mittel (Mp4) 640x360", "Hinweis: Falls die Videodatei beim Klicken nicht …".
  /^(?:klein|mittel|groß|gross|small|medium|large|hd|sd|full hd)\s*\((?:mp4|webm|mp3|m4a|ogg)\)(?:\s*\d{3,4}\s*x\s*\d{3,4})?$/i,
  /^hinweis:\s*falls die (?:video|audio)datei\b.{0,250}$/i,
  /^wir bieten diese[sn]? (?:video|audio|beitrag|podcast)\b.{0,40}zum download an:?$/i,
  /^(?:\d{2}\/\d{2}\/\d{4}\s*){2,}(?:[a-z]+ \d{1,2}, \d{4})?$/i,
  // Two forms of one date glued together (DW): "03/14/2024March 14, 2024".
  /^\d{2}\/\d{2}\/\d{4}\s*[a-z]+ \d{1,2}, \d{4}$/i,
  /^(?:inhalt laden|inhalte laden|load content)$/i,
  // Push-notification prompts: "Get breaking news alerts from …", "You can switch alerts off at any time …".
  /^(?:get|receive|turn on|allow) (?:breaking )?(?:news )?(?:alerts|notifications)\b.{0,80}$/i,
  /^you can (?:switch|turn) (?:alerts|notifications|them) off\b.{0,80}$/i,
  /^stay up to date with (?:notifications|alerts|breaking news) from\b.{0,60}$/i,
  /^notifications can be (?:managed|turned off|changed) in (?:your )?browser(?: preferences| settings)?\.?$/i,
  /^(?:benachrichtigungen|push-mitteilungen|push-benachrichtigungen) (?:aktivieren|erhalten|zulassen)\b.{0,80}$/i,
  // Tracking pixels' alt text, ad-blocker notices, weather widgets ("bedeckt München 7°").
  /^(?:piwik|matomo|etracker|ivw|google analytics|tracking)(?: no ?script)?(?: img| image| pixel)?$/i,
  /^(?=.{0,240}\b(?:adblocker|ad-blocker|ad blocker|werbeblocker)\b).{0,240}\b(?:aktiviert|deaktivier\w*|disable\w*|whitelist|ausnahme)\b.{0,240}$/i,
  /^(?:wetter in [\p{L} -]{2,30} )?(?:[\p{L}-]+ ){0,3}-?\d{1,2}(?:[.,]\d)?\s?°\s?c?$/iu,
  // Browser and JavaScript notices: "… kann nicht mehr über Internet Explorer abgerufen werden …", "Please enable JavaScript …".
  /^(?=.{0,400}\b(?:browser|internet explorer|javascript)\b)(?=.{0,400}(?:nicht (?:mehr )?(?:unterstützt|abgerufen|aktualisiert)|veraltet|no longer supported|not supported|out of date|outdated|aktivieren sie|deaktiviert|please enable|is disabled|update your browser|anderen browser|different browser|unterstützten browser|supported browser|please use|bitte nutzen sie|bitte verwenden sie)).{10,400}$/i,
  // "Why you can trust Sky News", "Warum Sie uns vertrauen können": a trust or about-us link.
  /^(?:why you can trust|warum sie uns vertrauen können|so arbeiten wir|how we work)\b.{0,40}$/i,
  // A link to another story inside the text: "Lesen Sie auch: Das ist das Programm für 2024", "ALSO READ | …".
  /^(?:lesen sie auch|lesen sie mehr|auch interessant|mehr dazu|read more|see also|related|also read|read also)\s*[:|]\s*\S.{2,160}$/i,
  // A share or comment counter alone: "14", "4.318".
  /^\d{1,5}$/,
  /^\d{1,3}(?:[.,’']\d{3})+$/,
  // "Mit Schwäbische Plus weiterlesen", "Dieser Inhalt ist älter als 30 Tage und steht daher exklusiv für unsere
  // Plus-Abonnenten zur Verfügung. So erhalten Sie …": a paywall's offer.
  /^mit .{2,40} (?:plus|\+|abo) weiterlesen$/i,
  /^dieser (?:inhalt|artikel|beitrag) .{0,120}\bexklusiv für (?:unsere )?(?:[\p{L}+-]+-)?(?:abonnent|abonnentinnen|abonnenten|abonnements|abo)\b.{0,200}$/iu,
  // "Sind Sie bereits Abonnent? Hier anmelden" (printed twice in one line too), "Bereits Abonnent? Jetzt einloggen".
  /^(?:(?:sind sie |schon |bereits |already )*(?:bereits |schon )?(?:abonnent(?:in)?|kunde|kundin|abonniert|a subscriber)\?\s*(?:hier |jetzt |zum )?(?:anmelden|einloggen|login|log in|sign in)\s*){1,2}$/i,
  // "Weitere Optionen zum Teilen", "Sie haben bereits einen Zugang?": share menus and login prompts.
  /^(?:weitere optionen zum teilen|mehr optionen zum teilen|sie haben bereits (?:einen zugang|ein abo(?:nnement)?)\??|bereits abonnent\??|already have an account\??)$/i,
  // A logo's file name or alt text: "bz.medien-logo", "Logo der Beispiel-Zeitung".
  /^[\w.-]*[-_.]logo(?:[-_.][\w-]+)?(?:\.(?:png|svg|jpe?g|gif|webp))?$/i,
  /^(?:[\p{L}\d.|+&-]+\s){1,3}logo$/iu,
  // Account and paywall notices: "Um Themen abonnieren … benötigen Sie ein Abonnement.", "Already a subscriber? Log in".
  /^(?=.{0,250}\b(?:abonnement|abonnieren|abo|abonnent(?:en|in)?|subscription|subscribe|subscriber)\b)(?=.{0,250}(?:benötigen sie|brauchen sie|ein abonnement|account|konto|jetzt (?:testen|abonnieren|weiterlesen)|weiterlesen mit|zum abo|log in|sign in|already a subscriber)).{10,250}$/i,
  // "Jetzt weiterlesen mit SPIEGEL+", "Weiterlesen mit Z+": the paywall's offer.
  /^(?:jetzt )?(?:weiterlesen|weiter lesen|mehr lesen) mit \S{1,20}$/i,
  // A player's link with the clip's length: "Zum Audio Apotheken rationieren Fiebersaft (2:51)".
  /^(?:zum|zur|zu den) (?:audio|video|podcast|sendung|beitrag)\b.{1,120}\(\d{1,2}:\d{2}(?::\d{2})?\)$/i,
];

/** Patterns that need the line's own case (the lines above are compared in lower case). */
const CASED: RegExp[] = [
  // "Read moreParis transport: …": the link label glued to the linked title.
  /^(?:Read more|Lesen Sie auch|Weiterlesen)(?=\p{Lu}).{8,160}$/u,
  // A style or image slot's name left in the crawl ("weather-image", "teaser_img"), printed in lower case: words joined by dashes.
  /^[a-z]{2,}(?:[-_][a-z]{2,}){1,3}$/,
];

/**
 * Patterns that scan the whole line, each tried only when its cheap key is in the lower-cased line (they ran on
 * every line and cost more than the rest of the list): consent notices, icons' alt texts run together, an ad-blocker
 * wall in the site's voice ("Bitte deaktivieren Sie Ihren Ad-Blocker", capital "Sie"/"Ihr": an article about ad
 * blockers speaks of them, not to the reader), "… auf die Anzeigen unserer Werbepartner angewiesen.", a subscription
 * offer ("• Jetzt für nur 0,99€ im ersten Monat testen").
 */
const GUARDED: Array<{ key: RegExp; re: RegExp; cased?: boolean }> = [
  // "Wir bauen unsere Seite für dich um. Klicke hier für mehr Informationen.": a site notice with its link.
  { key: /klick|click|tap /, re: /^.{0,120}\b(?:klicke|klicken sie|click|tap)\s+(?:hier|here)\s+(?:für|for|to)\s+(?:mehr|more|weitere)\s+(?:informationen|infos?|information|details)\.?$/ },
  // Script code a crawl kept as text ("window.dataLayer = …; function gtag(){…}").
  { key: /window\.|function|document\.write|googletag|datalayer/, re: /^(?=.{0,400}(?:window\.\w+\s*=|function\s*\w*\s*\(\)\s*\{|document\.write\(|googletag\.|datalayer\.push\())[^\n]{10,400}$/ },
  // "Die neuesten Nachrichten aus dem Tal. Der kostenlose Newsletter … täglich um 18 Uhr": a newsletter's promotion.
  { key: /newsletter/, re: /^(?=.{0,200}\bnewsletter\b)(?=.{0,200}\b(?:kostenlose[nrms]?|kostenlos|gratis|täglich|jeden (?:morgen|abend|tag)|jetzt anmelden|abonnieren)\b).{10,200}$/ },
  // Consent notices in other words: cookies plus consent or settings in one paragraph.
  { key: /cookie/, re: /^(?=.{0,700}\bcookies?\b)(?=.{0,700}\b(?:akzeptieren|zustimmen|zustimmung|einwilligung|einverstanden|privatsphäre|datenschutz|accept|agree|consent|privacy)\b).{20,700}$/i },
  // "Calendar An icon of a desk calendar. Cancel An icon of …": icons' alt texts run together.
  { key: /an icon of/, re: /\ban icon of\b.{0,200}\ban icon of\b/i },
  { key: /blocker|werbeblock/, re: /^(?=.{0,300}\b(?:[Aa]d-?[Bb]locker\w*|[Ww]erbeblock\w*)\b)(?=.{0,300}\b(?:Sie|Ihre[nmrs]?|Ihr)\b).{5,300}$/u, cased: true },
  { key: /angewiesen\.?$/, re: /\b(?:anzeigen|werbung) unserer (?:werbe)?partner\b.{0,80}\bangewiesen\.?$/u },
  { key: /für nur/, re: /^(?:jetzt\s+)?.{0,30}\bfür nur\s+\d+(?:[,.]\d{2})?\s?(?:€|euro\b).{0,60}$/u },
];

/** A footer's link words: one of them among short pipe-separated items makes the line a link bar. */
const LEGAL_LINK = /^(?:impressum|datenschutz(?:erklärung|hinweise)?|agb|kontakt|mediadaten|nutzungsbedingungen|cookie[- ]?(?:einstellungen|richtlinie|preferences|policy|settings)|privacy(?: policy| settings)?|terms(?: of use| of service| and conditions)?|about(?: us)?|contact(?: us)?)$/i;
/** Icon and class names a crawler copies from an icon bar: "search paywall email twitter share facebook rss …". */
const ICON_NAMES = new Set(['search', 'email', 'mail', 'share', 'twitter', 'facebook', 'instagram', 'youtube', 'whatsapp', 'rss', 'mastodon',
  'bluesky', 'linkedin', 'tiktok', 'telegram', 'threads', 'xing', 'pinterest', 'menu', 'close', 'arrow', 'icon', 'paywall', 'print', 'podcast', 'spotify']);

/**
 * "Impressum | Datenschutz | AGB | Kontakt", "Terms of Use | Privacy | Text Only": short items between pipes or
 * middle dots, one of them a legal link. "© 2026 npr", "© Übermedien GmbH 2026", "Copyright 2024 The Associated
 * Press": a copyright line with a year is the site's, never a picture's credit.
 */
function footerLine(text: string): boolean {
  const t = text.trim();
  // The year first ("© 2026 npr", "Copyright 2024 The Associated Press"), or a company's or rights words with a year;
  // "© Stadt Beispielheim 2024" under a caption can be a picture's (the importer reads that one by its place).
  if (t.length <= 200 && /^(?:copyright\s*)?(?:©|\(c\)|copyright\b)/i.test(t) && /\b(?:19|20)\d{2}\b/.test(t) &&
    (/^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:19|20)\d{2}\b/i.test(t) ||
      /\b(?:gmbh|ag|se|kg|ltd|inc|llc|plc|verlag|media|medien|network|all rights reserved|alle rechte vorbehalten)\b/i.test(t))) return true;
  if (t.length > 200 || !/\s[|·]\s/.test(t)) return false;
  const items = t.split(/\s+[|·]\s+/).map((x) => x.trim()).filter(Boolean);
  return items.length >= 2 && items.every((x) => x.split(/\s+/).length <= 4 && !/[.!?]$/.test(x)) && items.some((x) => LEGAL_LINK.test(x));
}

/** Words of a site's service menu, printed run together on one line ("E-Paper Abo & Service Immo Stellen Trauer"). */
const MENU_WORDS = new Set(['e-paper', 'epaper', 'abo', 'abos', 'service', 'immo', 'immobilien', 'stellen', 'stellenmarkt', 'jobs', 'trauer',
  'traueranzeigen', 'anzeigen', 'kleinanzeigen', 'shop', 'tickets', 'newsletter', 'podcast', 'podcasts', 'wetter', 'kontakt', 'mediathek',
  'reisen', 'leserreisen', 'gewinnspiele', 'events', 'veranstaltungen', 'kino', 'horoskop', 'rätsel', 'spiele', 'login', 'anmelden',
  'suche', 'menü', 'startseite', 'home', 'themen', 'lokales', 'region', 'sport', 'politik', 'wirtschaft', 'kultur', 'panorama', 'ratgeber',
  'leserservice', 'aboservice', 'mein', 'konto', 'archiv', 'video', 'videos', 'fotos', 'bilder', 'verkehr', 'blitzer', 'nachrichten']);
/** Tool buttons' words printed on one line ("Kommentare Teilen", "Drucken Teilen Merken"). */
const TOOL_WORDS = new Set(['teilen', 'drucken', 'merken', 'kommentare', 'kommentieren', 'vorlesen', 'anhören', 'speichern', 'share', 'print',
  'save', 'mail', 'e-mail', 'email', 'facebook', 'twitter', 'whatsapp', 'x', 'linkedin', 'telegram', 'link', 'kopieren', 'comments']);
function toolRun(t: string): boolean {
  const words = t.split(/\s+/);
  return words.length >= 2 && words.length <= 6 && words.every((w) => TOOL_WORDS.has(w));
}
function menuRun(t: string): boolean {
  const words = t.split(/\s+(?:&\s+|[|·•]\s+)?/).filter((w) => w && w !== '&');
  return words.length >= 5 && words.filter((w) => MENU_WORDS.has(w)).length >= words.length - 1 && MENU_WORDS.has(words[0]!);
}

/**
 * Text a paywall scrambles for readers without a subscription ("Sll dlho L-Hhhl ma Hmeoegb …", Schwäbische): letters
 * shifted, so "e", the commonest letter of German and English, is rare and "l" and "h" crowd in. Sixty letters at least,
 * under 7 % "e" and over 20 % "l" or "h".
 */
export function isScrambledText(text: string): boolean {
  // Cheap first: readable German or English has its short function words; the letters are counted only without them.
  if (text.length < 60 || /\b(?:der|die|das|und|ist|ein|eine|mit|von|für|the|and|of|to|is|was|for)\b/i.test(text)) return false;
  const letters = text.toLowerCase().replace(/[^a-zäöüß]/g, '');
  if (letters.length < 60) return false;
  let e = 0;
  let lh = 0;
  for (const c of letters) {
    if (c === 'e') e++;
    else if (c === 'l' || c === 'h') lh++;
  }
  return e / letters.length < 0.07 && lh / letters.length > 0.2;
}

/** Eight or more bare lower-case tokens, three of them icon names. */
function iconDebris(t: string): boolean {
  const words = t.split(/\s+/);
  return words.length >= 8 && words.every((w) => /^[\p{Ll}\d][\p{Ll}\d.-]*$/u.test(w)) && words.filter((w) => ICON_NAMES.has(w)).length >= 3;
}

/** Weather words a site's weather widget prints beside the temperature. */
const WEATHER = '(?:sonnig|heiter|wolkig|bewölkt|leicht bewölkt|stark bewölkt|teils bewölkt|bedeckt|nebel|neblig|regen|regnerisch|leichter regen|starkregen|nieselregen|schauer|regenschauer|gewitter|schnee|schneefall|schneeregen|graupel|glätte|sturm|sturmböen|windig|klar|sunny|cloudy|partly cloudy|overcast|rain|showers|fog|snow|clear)';
/** "Wetter bedeckt", "12 ° / 6 ° Nieselregen", "7°/ 2° bedeckt": a weather widget's line. */
const WEATHER_LINE = new RegExp(`^(?:(?:wetter|weather)\\s+${WEATHER}|(?:(?:wetter|weather)\\s+)?-?\\d{1,2}\\s?°\\s?c?(?:\\s*\\/\\s*-?\\d{1,2}\\s?°\\s?c?)?(?:\\s+${WEATHER})?)$`, 'i');
/** "4.2°C NNW Gentle Breeze": the temperature with the wind's direction and strength. */
const WEATHER_WIND = /^-?\d{1,2}(?:[.,]\d)?\s?°\s?[cf]?\s+(?:[nsew]{1,3}\s+)?[\p{L} ]{3,30}$/iu;

/**
 * The site's description of itself under its name at the top of the page: "Das Online-Magazin von …", "Das lokale
 * Nachrichtenportal für Sachsen", "SONNTAG – Die Wochenzeitung für die …". Only a medium's own noun makes it one (not
 * "Die Nachrichten des Tages"), and the caller asks only for the page's first lines, where a headline of that shape
 * ("Die Zeitung für Blinde wird eingestellt") does not stand above the site's menu.
 */
const TAGLINE = /^(?:[^–|:.!?]{2,40}\s[–|-]\s)?(?:das|die|der|dein|deine|ihr|ihre|unser|unsere|euer|eure)\s+(?:[\p{L}-]+\s+)?[\p{L}-]*(?:magazin|zeitung|portal|radio|sender|blatt|journal|fernsehen)\s+(?:für|von|aus|im|in|der|des|am)\s+[^.!?]{2,80}$/iu;

export function isSiteTagline(text: string): boolean {
  return text.length <= 140 && TAGLINE.test(text.trim());
}

/** True for a line that is page furniture, not article text. */
export function isWidgetLine(text: string): boolean {
  if (text.length > 500) return false;
  const trimmed = text.trim();
  if (CASED.some((re) => re.test(trimmed))) return true;
  // A badge or tool in a bulleted list ("• Artikel mit Video-Inhalten") is still furniture.
  const t = text.replace(/[\s:|·•>»›]+$/, '').replace(/^[•·▪●◦‣]\s+/, '').trim().toLowerCase();
  if (!t) return true;
  // "Link Copied!": an exclamation mark does not make a tool's label text.
  if (t.length <= 60 && (EXACT.has(t) || EXACT.has(t.replace(/!+$/, '')))) return true;
  // A stock ticker run into one line ("ATX3712.40+0.54%ANDRITZ55.1+0.91%…"): three quotes with their change in per cent.
  if (t.includes('%') && (t.match(/[+-−]\d{1,3}[.,]\d{1,2}\s?%/g) ?? []).length >= 3) return true;
  // A line of nothing but punctuation/symbols (separators, icon leftovers).
  if (t.length <= 40 && !/[\p{L}\p{N}]/u.test(t)) return true;
  if (GUARDED.some((g) => g.key.test(t) && g.re.test(g.cased ? trimmed : t))) return true;
  if ((t.includes('|') || t.includes('·') || t.includes('©') || t.includes('copyright') || t.includes('(c)')) && footerLine(text)) return true;
  if (t.length >= 40 && /^[a-z0-9äöü]/.test(text.trimStart()) && /(?:facebook|twitter|instagram|youtube|whatsapp|rss|email|search)/.test(t) && iconDebris(trimmed)) return true;
  const first = t.split(' ', 1)[0]!;
  if (t.length <= 120 && t.length >= 20 && MENU_WORDS.has(first) && !/[.!?]$/.test(t) && menuRun(t)) return true;
  if (t.length <= 60 && TOOL_WORDS.has(first) && toolRun(t)) return true;
  // "Anzeige Hofheim am Taunus 7°C Ein Angebot von …": an ad label with the weather or the sponsor's line.
  if (t.startsWith('anzeige ') && t.length <= 120 && /(?:-?\d{1,2}\s?°|angebot von|präsentiert von|sponsored by)/.test(t)) return true;
  if (t.includes('°') || t.startsWith('wetter') || t.startsWith('weather')) {
    if (t.length <= 40 && WEATHER_LINE.test(t)) return true;
    if (WEATHER_WIND.test(t)) return true;
  }
  return PATTERNS.some((re) => re.test(t));
}
