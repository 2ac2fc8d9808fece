const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` has the form of the ids Lede gives stories, users and assets (a UUID). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
