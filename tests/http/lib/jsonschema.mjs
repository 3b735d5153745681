// A small JSON Schema validator for the ORUK conformance test: type,
// required, properties, items, enum, format (uuid, date, date-time, uri,
// email: loosely), $ref (absolute URLs mapped to local files by the caller's
// loader, and "#/definitions/..." inside a document), nullable, allOf,
// anyOf and oneOf. Enough for the ORUK 3.0 schemas; not a general validator.

const FORMATS = {
  uuid: (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s),
  date: (s) => /^\d{4}-\d{2}-\d{2}$/.test(s),
  'date-time': (s) => /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(s),
  datetime: (s) => /^\d{4}-\d{2}-\d{2}/.test(s),
  uri: (s) => /^[a-z][a-z0-9+.-]*:\S+$/i.test(s),
  email: (s) => /^[^@\s]+@[^@\s]+$/.test(s),
};

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeOk(want, v) {
  const t = typeOf(v);
  if (want === 'number') return t === 'number' || t === 'integer';
  return want === t;
}

// load(url) -> schema object for an absolute $ref (without fragment).
export class Validator {
  constructor(load) {
    this.load = load;
  }

  resolve(ref, root) {
    const [url, frag] = ref.split('#');
    let doc = url ? this.load(url) : root;
    if (!doc) throw new Error(`cannot resolve $ref ${ref}`);
    const docRoot = doc;
    if (frag) {
      for (const part of frag.split('/').filter(Boolean)) {
        doc = doc?.[decodeURIComponent(part.replace(/~1/g, '/').replace(/~0/g, '~'))];
        if (doc === undefined) throw new Error(`cannot resolve $ref ${ref}`);
      }
    }
    return { schema: doc, root: url ? docRoot : root };
  }

  // Returns a list of "path: problem" strings (empty when valid).
  validate(schema, value, root = schema, path = '$', errors = []) {
    if (schema === true || schema === undefined || schema === null) return errors;
    if (schema.$ref) {
      const r = this.resolve(schema.$ref, root);
      this.validate(r.schema, value, r.root, path, errors);
      return errors;
    }
    if (value === null && schema.nullable) return errors;
    if (schema.type) {
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      if (!types.some((t) => typeOk(t, value))) {
        errors.push(`${path}: is ${typeOf(value)}, expected ${types.join(' or ')}`);
        return errors;
      }
    }
    if (schema.enum && !schema.enum.some((e) => e === value)) errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
    if (schema.format && typeof value === 'string' && FORMATS[schema.format] && !FORMATS[schema.format](value))
      errors.push(`${path}: ${JSON.stringify(value)} is not a ${schema.format}`);
    if (typeOf(value) === 'object') {
      for (const k of schema.required || []) if (!(k in value)) errors.push(`${path}: ${k} is required`);
      for (const [k, s] of Object.entries(schema.properties || {}))
        if (k in value) this.validate(s, value[k], root, `${path}.${k}`, errors);
    }
    if (Array.isArray(value) && schema.items && !Array.isArray(schema.items))
      value.forEach((v, i) => this.validate(schema.items, v, root, `${path}[${i}]`, errors));
    for (const s of schema.allOf || []) this.validate(s, value, root, path, errors);
    if (schema.anyOf && !schema.anyOf.some((s) => this.validate(s, value, root, path, []).length === 0))
      errors.push(`${path}: matches none of anyOf`);
    if (schema.oneOf && schema.oneOf.filter((s) => this.validate(s, value, root, path, []).length === 0).length !== 1)
      errors.push(`${path}: does not match exactly one of oneOf`);
    return errors;
  }
}
