/** A UUID in its canonical text form, either case: the ids the database issues. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is a UUID (an id that can name a row; anything else names none). */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
