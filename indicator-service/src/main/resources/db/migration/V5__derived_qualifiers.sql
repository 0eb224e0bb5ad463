-- Issue 14: every facility target of the plans measured. A derived count may be qualified (新建 since a day, certified
-- 示范 at a level or above, a sub-kind named in the facility's name) and a derived "standard" measure is the share of
-- open facilities of a type that meet its standard (null standard: the seeds define none, the target needs an assessment).
set search_path = indicator, public;

alter table indicator drop constraint if exists indicator_measure_check;
alter table indicator add constraint indicator_measure_check check (measure in ('coverage', 'count', 'standard'));
alter table indicator add column opened_since date;
alter table indicator add column certified_at_least text check (certified_at_least in ('county', 'prefecture', 'province'));
alter table indicator add column name_contains text;
alter table indicator add column standard text;
