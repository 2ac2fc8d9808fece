-- Section slugs for names without Latin letters or digits (issue 10, item 8).
-- Such names ("<!--", "経済", "Новости") used to be stored under the slug
-- 'nachrichten' while the story page recomputed an empty slug, which made
-- their stories unreachable and their address a redirect to "//<slug>".
-- The rule is now sectionSlug() in src/content/slug.ts: 'rubrik-' and the
-- first 8 hex digits of the SHA-256 of the name's UTF-8 bytes. This gives the
-- stories written under the old rule the same slug. The character class is
-- what slugify() keeps after NFKD: ASCII letters and digits, and the letters
-- it transliterates (ß, æ, ø, …); a name with any of them kept its slug.
UPDATE stories
   SET section_slug = 'rubrik-' || left(encode(sha256(convert_to(section, 'UTF8')), 'hex'), 8)
 WHERE section_slug = 'nachrichten'
   AND normalize(section, NFKD) !~ '[ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789ßẞæøåœłđðþ]';
