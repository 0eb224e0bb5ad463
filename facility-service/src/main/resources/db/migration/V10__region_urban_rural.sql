-- Urban/rural class of a region (issue 14, docs/design.md §3). urban_rural_code stays the NBS 城乡分类代码 as imported;
-- urban_rural is the class a village counts in for urban / rural coverage, and urban_rural_source says whether it
-- comes from that code (imported) or from the village's name (derived: …居委会/…社区 urban, …村委会/…村 rural).
set search_path = facility, public;

alter table region
    add column urban_rural        varchar(5) check (urban_rural in ('urban', 'rural')),
    add column urban_rural_source varchar(8) check (urban_rural_source in ('imported', 'derived')),
    add constraint region_urban_rural_sourced check (urban_rural is null or urban_rural_source is not null);

-- Regions imported with a code: the class of that code (the same as consumers already read from urbanRuralCode, so
-- no event is owed). Villages without a code get their derived class when their file is imported again.
update region
   set urban_rural = case left(urban_rural_code, 1) when '1' then 'urban' when '2' then 'rural' end,
       urban_rural_source = 'imported'
 where urban_rural_code is not null;
