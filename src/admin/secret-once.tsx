/**
 * A secret shown this once (a new API key, a webhook signing secret): a
 * read-only field to select and copy. Lede keeps only its hash or needs it
 * for signing, and never shows it again.
 */
export function SecretOnce(props: { secret: string | undefined; label: string }) {
  if (!props.secret) return null;
  return (
    <p class="panel">
      <label for="new-secret">{props.label}</label>
      <input id="new-secret" type="text" readonly value={props.secret} size={48} autocomplete="off" spellcheck={false} />
    </p>
  );
}
