import { type TSchema, Type } from 'typebox';

/** Shared request and response pieces; the web client imports these types too. */
export const Localised = Type.Object(
  { sv: Type.String(), en: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);

export const Area = Type.Object(
  { counties: Type.Array(Type.String()), municipalities: Type.Array(Type.String()) },
  { additionalProperties: false, description: 'Both lists empty means the whole country.' },
);

export const MAX_PAGE = 100;

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
};

export const ListOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer({ minimum: 0 }) }, { additionalProperties: false });

export const MunicipalityCode = Type.String({ pattern: '^\\d{4}$', description: 'SCB kommunkod' });
export const CountyCode = Type.String({ pattern: '^\\d{2}$', description: 'SCB länskod' });

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    code: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.Optional(Type.String()), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);
