export { SCHEMA_SHAPE, type SchemaShape } from './schema-shape.js';
