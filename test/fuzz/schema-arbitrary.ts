import fc from 'fast-check';

/** A JSON Schema as the OpenAPI document has it (TypeBox output: no $ref in requests). */
export type Schema = { [key: string]: unknown };

/** Characters that break naive code: NUL, a lone surrogate, bidi override, separators, quotes, emoji. */
const NASTY_CHARS = [
  '\u0000',
  '\ud800',
  '\udfff',
  '\u202e',
  '\u200b',
  '\ufeff',
  '\n',
  '\r',
  '\t',
  '/',
  '\\',
  '.',
  '%',
  "'",
  '"',
  '<',
  '>',
  '&',
  ';',
  '$',
  '{',
  '*',
  'ö',
  'Å',
  'é',
  '😀',
  '𝔘',
];

/** One code point per unit, so that lengths count as Ajv counts them. */
const codePoint = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), weight: 6 },
  { arbitrary: fc.constantFrom(...NASTY_CHARS), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 2 },
);

const codePoints = (s: string) => [...s].length;

/** How long generated strings get at most (the huge-body tests go beyond). */
const MAX_GENERATED_LENGTH = 120;

export interface ArbitraryOptions {
  /** Real values from the database (ids, slugs, tokens): strings that fit may take one of them. */
  known: readonly string[];
}

function types(schema: Schema): string[] {
  const t = schema.type;
  if (Array.isArray(t)) return t as string[];
  if (typeof t === 'string') return [t];
  if (schema.properties) return ['object'];
  return [];
}

function fitsString(schema: Schema, value: string): boolean {
  const n = codePoints(value);
  if (typeof schema.minLength === 'number' && n < schema.minLength) return false;
  if (typeof schema.maxLength === 'number' && n > schema.maxLength) return false;
  if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) return false;
  if (schema.format === 'uuid' && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value))
    return false;
  return true;
}

function stringArbitrary(schema: Schema, options: ArbitraryOptions): fc.Arbitrary<string> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as string[]));
  if (typeof schema.const === 'string') return fc.constant(schema.const);
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = Math.max(
    min,
    Math.min(typeof schema.maxLength === 'number' ? schema.maxLength : 1000, MAX_GENERATED_LENGTH),
  );
  let base: fc.Arbitrary<string>;
  switch (schema.format) {
    case 'uuid':
      base = fc.uuid();
      break;
    case 'email':
      base = fc
        .emailAddress()
        .filter((e) => e.length <= (typeof schema.maxLength === 'number' ? schema.maxLength : 254));
      break;
    case 'date':
      base = fc
        .date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
      break;
    case 'date-time':
      base = fc
        .date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString());
      break;
    default:
      if (typeof schema.pattern === 'string') {
        const pattern = new RegExp(schema.pattern, 'u');
        base = fc.stringMatching(pattern).filter((s) => fitsString(schema, s));
      } else {
        base = fc.string({ unit: codePoint, minLength: min, maxLength: max });
      }
  }
  const known = options.known.filter((k) => fitsString(schema, k));
  return known.length > 0
    ? fc.oneof({ arbitrary: base, weight: 3 }, { arbitrary: fc.constantFrom(...known), weight: 2 })
    : base;
}

function numberArbitrary(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = typeof schema.minimum === 'number' ? schema.minimum : -1_000_000;
  const max = typeof schema.maximum === 'number' ? schema.maximum : 1_000_000;
  const exMin = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  const exMax = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : undefined;
  if (integer) {
    const lo = Math.ceil(exMin !== undefined ? Math.max(min, exMin + 1) : min);
    const hi = Math.floor(exMax !== undefined ? Math.min(max, exMax - 1) : max);
    return fc.oneof(fc.integer({ min: lo, max: hi }), fc.constantFrom(lo, hi));
  }
  return fc.double({
    min: exMin ?? min,
    max: exMax ?? max,
    minExcluded: exMin !== undefined,
    maxExcluded: exMax !== undefined,
    noNaN: true,
    noDefaultInfinity: true,
  });
}

/** Values that conform to `schema` (as far as the generators can tell; the server has the last word). */
export function valueOf(schema: Schema, options: ArbitraryOptions, depth = 0): fc.Arbitrary<unknown> {
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((s) => valueOf(s, options, depth + 1)));
  if (Array.isArray(schema.allOf)) {
    const merged: Schema = { type: 'object', properties: {}, required: [] };
    for (const part of schema.allOf as Schema[]) {
      Object.assign(merged.properties as Schema, part.properties ?? {});
      (merged.required as string[]).push(...((part.required as string[]) ?? []));
    }
    return valueOf(merged, options, depth + 1);
  }
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if ('const' in schema) return fc.constant(schema.const);
  const t = types(schema);
  if (t.length === 0) return fc.jsonValue({ maxDepth: 2 });
  if (t.length > 1) return fc.oneof(...t.map((type) => valueOf({ ...schema, type }, options, depth)));
  switch (t[0]) {
    case 'string':
      return stringArbitrary(schema, options);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = (schema.items as Schema | undefined) ?? {};
      const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const maxLength = Math.max(minLength, Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 4, 4));
      const item = valueOf(items, options, depth + 1);
      return schema.uniqueItems
        ? fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
        : fc.array(item, { minLength, maxLength });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = (schema.required ?? []) as string[];
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, sub] of Object.entries(properties)) model[key] = valueOf(sub, options, depth + 1);
      if (Object.keys(model).length === 0) {
        if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
          return fc.dictionary(fc.string({ maxLength: 12 }), valueOf(schema.additionalProperties as Schema, options), {
            maxKeys: 3,
          });
        }
        return fc.constant({});
      }
      const record = fc.record(model, { requiredKeys: required.filter((k) => k in model) });
      const minProperties = typeof schema.minProperties === 'number' ? schema.minProperties : 0;
      return minProperties > 0 ? record.filter((r) => Object.keys(r).length >= minProperties) : record;
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value that breaks the schema somewhere: a dropped or retyped field, or any JSON at all. */
export function brokenValueOf(schema: Schema, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  const valid = valueOf(schema, options);
  const anyJson = fc.jsonValue({ maxDepth: 3 });
  const retyped = fc.tuple(valid, fc.nat(), anyJson).map(([value, pick, replacement]) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return replacement;
    const keys = Object.keys(value);
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    if (keys.length === 0) copy.unexpected = replacement;
    else copy[keys[pick % keys.length] as string] = replacement;
    return copy;
  });
  const extraField = valid.map((value) =>
    value && typeof value === 'object' && !Array.isArray(value) ? { ...value, __unexpected: 1 } : value,
  );
  return fc.oneof(retyped, extraField, anyJson);
}
