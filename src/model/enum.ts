// enumType(name, labels): a PostgreSQL enum declared in a model.
import { z } from 'zod';

export interface EnumModel<L extends readonly string[] = readonly string[]> {
  readonly kind: 'enum';
  readonly schema: string;
  readonly name: string;
  readonly labels: L;
  readonly comment: string | null;
  readonly zod: z.ZodType<L[number]>;
}

export function enumType<const L extends readonly [string, ...string[]]>(
  name: string,
  labels: L,
  options: { schema?: string; comment?: string } = {},
): EnumModel<L> {
  return {
    kind: 'enum',
    schema: options.schema ?? 'public',
    name,
    labels,
    comment: options.comment ?? null,
    zod: z.enum(labels as unknown as [L[number], ...L[number][]]) as unknown as z.ZodType<L[number]>,
  };
}

export function isEnumModel(value: unknown): value is EnumModel {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'enum' && Array.isArray((value as EnumModel).labels);
}
