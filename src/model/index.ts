// The public model DSL: `import { table, t, enumType, legacy } from 'schemaguard/model'`.
import * as t from './columns.js';
export { t };
export { ColumnBuilder, type ColumnSpec, type ReferenceSpec } from './columns.js';
export { enumType, type EnumModel } from './enum.js';
export { legacy, type LegacyDeclaration } from './legacy.js';
export { table, type TableModel, type TableOptions, type IndexSpec, type IndexKeySpec } from './table.js';
export { compileModels, collectModels, type CompiledModels } from './compile.js';
