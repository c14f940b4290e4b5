// Every comment on a user object (oid >= 16384, FirstNormalObjectId, which skips the thousands
// of built-in descriptions) of the catalogs the IR carries comments for, plus every namespace
// comment (`public` is built in). Matched to objects by (catalog, oid, sub-id) when assembling,
// so the namespace filter of the other queries applies to comments too.
export const COMMENTS_QUERY = `
select d.classoid::regclass::text as catalog, d.objoid as oid, d.objsubid as subid, d.description as comment
from pg_description d
where (d.objoid >= 16384
       and d.classoid in ('pg_class'::regclass, 'pg_type'::regclass, 'pg_proc'::regclass, 'pg_trigger'::regclass, 'pg_collation'::regclass))
   or d.classoid = 'pg_namespace'::regclass`;

export interface CommentRow {
  readonly catalog: 'pg_class' | 'pg_type' | 'pg_proc' | 'pg_namespace' | 'pg_trigger' | 'pg_collation';
  readonly oid: number;
  readonly subid: number;
  readonly comment: string;
}
