// Numeric query parameters (`type: integer` or `number` in a route's schema) are read as plain decimals, like
// every number a user types: Ajv's type coercion alone uses JavaScript's number conversion, which turns
// draws=0x10 into 16, limit=1e1 into 10 and ' ' into 0. Checked before validation, on the text as sent;
// Ajv then checks the bounds of the schema.
import type { FastifyInstance } from 'fastify';
import { echo } from '../service/inputs.js';
import { UserInputError } from '../util/errors.js';
import { plainDecimal } from '../util/numbers.js';

interface ParamSchema {
  type?: string | string[];
  description?: string;
}

const isNumeric = (s: ParamSchema) =>
  [s.type].flat().some((t) => t === 'integer' || t === 'number') && ![s.type].flat().includes('string');

export function installDecimalParams(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const schema = req.routeOptions.schema?.querystring as { properties?: Record<string, ParamSchema> } | undefined;
    const query = req.query as Record<string, unknown> | undefined;
    if (!schema?.properties || !query) return;
    for (const [name, s] of Object.entries(schema.properties)) {
      const v = Object.hasOwn(query, name) ? query[name] : undefined;
      if (typeof v === 'string' && v !== '' && isNumeric(s) && plainDecimal(v) === undefined)
        throw new UserInputError(
          `${name} "${echo(v)}" is not a plain decimal number (digits, e.g. 25; no hex, exponent, Infinity or NaN)${s.description ? `: ${s.description}` : ''}`,
          name,
        );
    }
  });
}
