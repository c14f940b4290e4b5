// pg_get_functiondef refuses aggregates, so their CREATE statement is put together here from
// pg_aggregate, option by option as CREATE AGGREGATE takes them. The session's search_path is
// pg_catalog alone, so regproc and format_type qualify every user function and type.
// `OR REPLACE` lets a changed aggregate (another SFUNC, INITCOND, …) be replaced in place;
// PostgreSQL refuses that only when the result type changes, which the diff sees as `returns`.

const qq = (col: string) => `('"' || replace(${col}, '"', '""') || '"')`;

const FINAL_MODIFY = (col: string) => `case ${col} when 'r' then 'READ_ONLY' when 's' then 'SHAREABLE' when 'w' then 'READ_WRITE' end`;

/** The CREATE OR REPLACE AGGREGATE statement of `p` (a pg_proc row with prokind 'a'). */
export function aggregateDefinition(p: string): string {
  const opt = (cond: string, text: string) => `case when ${cond} then ${text} end`;
  // Every identifier quoted, as all generated SQL has it.
  const fn = (col: string) => `(select ${qq('fn.nspname')} || '.' || ${qq('fp.proname')} from pg_proc fp join pg_namespace fn on fn.oid = fp.pronamespace where fp.oid = ${col})`;
  // The final-function modify flag defaults to READ_ONLY, and to READ_WRITE for ordered-set
  // aggregates; it is written only when it differs, as pg_dump does.
  const defaultModify = `case when ag.aggkind = 'n' then 'r' else 'w' end`;
  const options = [
    `'SFUNC = ' || ${fn('ag.aggtransfn')}`,
    `'STYPE = ' || format_type(ag.aggtranstype, null)`,
    opt('ag.aggtransspace <> 0', `'SSPACE = ' || ag.aggtransspace`),
    opt(`ag.aggfinalfn <> 0`, `'FINALFUNC = ' || ${fn('ag.aggfinalfn')}`),
    opt('ag.aggfinalextra', `'FINALFUNC_EXTRA'`),
    opt(`ag.aggfinalfn <> 0 and ag.aggfinalmodify <> ${defaultModify}`, `'FINALFUNC_MODIFY = ' || ${FINAL_MODIFY('ag.aggfinalmodify')}`),
    opt('ag.aggcombinefn <> 0', `'COMBINEFUNC = ' || ${fn('ag.aggcombinefn')}`),
    opt('ag.aggserialfn <> 0', `'SERIALFUNC = ' || ${fn('ag.aggserialfn')}`),
    opt('ag.aggdeserialfn <> 0', `'DESERIALFUNC = ' || ${fn('ag.aggdeserialfn')}`),
    opt('ag.agginitval is not null', `'INITCOND = ' || quote_literal(ag.agginitval)`),
    opt('ag.aggmtransfn <> 0', `'MSFUNC = ' || ${fn('ag.aggmtransfn')}`),
    opt('ag.aggminvtransfn <> 0', `'MINVFUNC = ' || ${fn('ag.aggminvtransfn')}`),
    opt('ag.aggmtranstype <> 0', `'MSTYPE = ' || format_type(ag.aggmtranstype, null)`),
    opt('ag.aggmtransspace <> 0', `'MSSPACE = ' || ag.aggmtransspace`),
    opt('ag.aggmfinalfn <> 0', `'MFINALFUNC = ' || ${fn('ag.aggmfinalfn')}`),
    opt('ag.aggmfinalextra', `'MFINALFUNC_EXTRA'`),
    opt(`ag.aggmfinalfn <> 0 and ag.aggmfinalmodify <> ${defaultModify}`, `'MFINALFUNC_MODIFY = ' || ${FINAL_MODIFY('ag.aggmfinalmodify')}`),
    opt('ag.aggminitval is not null', `'MINITCOND = ' || quote_literal(ag.aggminitval)`),
    opt('ag.aggsortop <> 0', `(select 'SORTOP = OPERATOR(' || ${qq('son.nspname')} || '.' || so.oprname || ')' from pg_operator so join pg_namespace son on son.oid = so.oprnamespace where so.oid = ag.aggsortop)`),
    opt(`ag.aggkind = 'h'`, `'HYPOTHETICAL'`),
    opt(`${p}.proparallel <> 'u'`, `'PARALLEL = ' || case ${p}.proparallel when 's' then 'SAFE' when 'r' then 'RESTRICTED' end`),
  ];
  return `(select 'CREATE OR REPLACE AGGREGATE ' || ${qq('an.nspname')} || '.' || ${qq(`${p}.proname`)}
      || '(' || case when ${p}.pronargs = 0 and ag.aggkind = 'n' then '*' else pg_get_function_identity_arguments(${p}.oid) end || ') ('
      || concat_ws(', ', ${options.join(',\n      ')}) || ')'
    from pg_aggregate ag join pg_namespace an on an.oid = ${p}.pronamespace
    where ag.aggfnoid = ${p}.oid)`;
}
