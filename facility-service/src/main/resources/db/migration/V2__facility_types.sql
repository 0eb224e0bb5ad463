-- Facility types and their standards, as data (issue 2). Codes are those of ../shared/catalog/SCHEMA.md.
set search_path = facility, public;

create table facility_type (
    code            text primary key check (code ~ '^[a-z][a-z0-9-]*$'),
    name_zh         text     not null,
    name_en         text     not null,
    description     text,
    child_facility  boolean  not null default true,   -- false: a host (public place), not a child facility itself
    unit_level      smallint check (unit_level between 1 and 5), -- "one per unit" level: 5 = village/community
    host_rule       text,                             -- rule deciding whether a facility of this type must host another
    hosted_by       text references facility_type (code),
    -- items of the standard: [{code, nameZh, nameEn, valueType (boolean|number), required, minimum, unit, description}]
    checklist       jsonb    not null default '[]' check (jsonb_typeof(checklist) = 'array'),
    -- declared (type-checked) attributes: [{code, nameZh, valueType (number|integer|text|boolean), minimum, unit, description}]
    attributes      jsonb    not null default '[]' check (jsonb_typeof(attributes) = 'array'),
    standard_source text     not null,
    sort_order      integer  not null
);

insert into facility_type (code, name_zh, name_en, description, child_facility, unit_level, host_rule, hosted_by,
                           checklist, attributes, standard_source, sort_order) values
('children-home', '儿童之家', 'Children''s home',
 '村（社区）儿童之家: a place in every village or urban community where children play, read and are looked after, usually in the 党群服务中心.',
 true, 5, null, null,
 '[
   {"code": "venue", "nameZh": "有场所", "nameEn": "has a venue", "valueType": "boolean", "required": true, "description": "a fixed place for children''s activities"},
   {"code": "equipment", "nameZh": "有设施", "nameEn": "has equipment", "valueType": "boolean", "required": true, "description": "furniture, books, toys and activity equipment suited to children"},
   {"code": "rules", "nameZh": "有制度", "nameEn": "has rules", "valueType": "boolean", "required": true, "description": "opening hours, safety and management rules on display"},
   {"code": "staff", "nameZh": "有人员", "nameEn": "has staff", "valueType": "boolean", "required": true, "description": "a children''s director (儿童主任) or full/part-time staff and volunteers"},
   {"code": "funding", "nameZh": "有经费", "nameEn": "has funding", "valueType": "boolean", "required": true, "description": "running costs covered by a budget"}
 ]',
 '[{"code": "areaM2", "nameZh": "面积", "valueType": "number", "minimum": 0, "unit": "m²", "description": "floor area"}]',
 'The 五有 standard quoted by the construction plans: "确保服务儿童有场所、有设施、有制度、有人员、有经费" (every item required), with one 儿童之家 per village/community ("实现社区（村）“儿童之家”100%全覆盖").',
 10),

('public-place', '公共场所', 'Public place (host of a 母婴室)',
 'A transport hub, shopping centre, hospital, scenic area, venue … registered because it may have to host a 母婴室. Not a child facility itself.',
 false, null, 'mother-baby-room-host', null,
 '[]',
 '[
   {"code": "floorAreaM2", "nameZh": "建筑面积", "valueType": "number", "minimum": 0, "unit": "m²", "description": "building floor area"},
   {"code": "dailyVisitors", "nameZh": "日客流量", "valueType": "integer", "minimum": 0, "unit": "人次/日", "description": "visitors per day"},
   {"code": "category", "nameZh": "场所类别", "valueType": "text", "description": "transport-hub, commercial-center, medical, scenic-area, entertainment, government-service, office, other"}
 ]',
 'Host rule of 国卫指导发〔2016〕63号 as the plans quote it: "经常有母婴逗留且建筑面积超过1万平方米或日客流量超过1万人的交通枢纽、商业中心、医疗机构、旅游景区及游览娱乐等公共场所" must have a 母婴室. hostRequired is true when floorAreaM2 ≥ 10000 or dailyVisitors ≥ 10000, false when both are known and below, unknown (null) otherwise. No checklist of its own.',
 20),

('mother-baby-room', '母婴室', 'Mother-and-baby room',
 '母婴室 (nursing room) in a public place or workplace, for breastfeeding and baby care.',
 true, null, null, 'public-place',
 '[
   {"code": "area-m2", "nameZh": "使用面积", "nameEn": "usable area", "valueType": "number", "required": true, "minimum": 10, "unit": "m²", "description": "usable area of at least 10 m²"},
   {"code": "changing-table", "nameZh": "婴儿护理台", "nameEn": "baby changing table", "valueType": "boolean", "required": true},
   {"code": "nursing-seat", "nameZh": "哺乳座椅", "nameEn": "nursing seat", "valueType": "boolean", "required": true},
   {"code": "washbasin", "nameZh": "洗手台", "nameEn": "washbasin", "valueType": "boolean", "required": true},
   {"code": "power-socket", "nameZh": "电源插座", "nameEn": "power socket", "valueType": "boolean", "required": true},
   {"code": "waste-bin", "nameZh": "垃圾桶", "nameEn": "waste bin", "valueType": "boolean", "required": true},
   {"code": "privacy", "nameZh": "私密保护（门锁/帘子）", "nameEn": "privacy lock or curtain", "valueType": "boolean", "required": true},
   {"code": "emergency-call", "nameZh": "紧急呼叫装置", "nameEn": "emergency call device", "valueType": "boolean", "required": true},
   {"code": "signage", "nameZh": "标识", "nameEn": "signage", "valueType": "boolean", "required": true},
   {"code": "fridge", "nameZh": "冰箱", "nameEn": "fridge", "valueType": "boolean", "required": false},
   {"code": "water-heater", "nameZh": "热水器", "nameEn": "water heater", "valueType": "boolean", "required": false},
   {"code": "info-materials", "nameZh": "宣传资料", "nameEn": "information materials", "valueType": "boolean", "required": false}
 ]',
 '[]',
 '国卫指导发〔2016〕63号《关于加快推进母婴设施建设的指导意见》: usable area of at least 10 m² and the basic equipment of its annex. The item list (required: 婴儿护理台, 哺乳座椅, 洗手台, 电源插座, 垃圾桶, 私密保护, 紧急呼叫装置, 标识; optional: 冰箱, 热水器, 宣传资料) is our reading of the document''s annex, not an official machine-readable list. Hosted by a public place (hostFacilityId) whose size decides whether it must have one.',
 30),

('child-friendly-park', '儿童友好公园', 'Child-friendly park', '儿童友好公园, incl. 口袋公园 and 体育公园 with children''s areas.', true, null, null, null, '[]', '[]',
 'No national checklist: local guidelines (建设指引) apply. An open facility of this type counts as meeting the standard.', 40),
('child-friendly-library', '儿童友好图书馆', 'Child-friendly library', '儿童友好图书馆, 阅读空间, 儿童阅览专区.', true, null, null, null, '[]', '[]',
 'No national checklist: local guidelines (建设指引) apply. An open facility of this type counts as meeting the standard.', 50),
('child-friendly-school', '儿童友好学校', 'Child-friendly school', null, true, null, null, null, '[]', '[]',
 'No national checklist: local guidelines (建设指引) apply. An open facility of this type counts as meeting the standard.', 60),
('child-friendly-hospital', '儿童友好医院', 'Child-friendly hospital', null, true, null, null, null, '[]', '[]',
 'No national checklist: local guidelines (建设指引) apply. An open facility of this type counts as meeting the standard.', 70),
('child-friendly-community', '儿童友好社区', 'Child-friendly community', '儿童友好社区 (communities and residential estates, 小区).', true, null, null, null, '[]', '[]',
 'No national checklist: local guidelines (e.g. 《郑州市儿童友好社区建设指引》) apply. An open facility of this type counts as meeting the standard.', 80),
('child-friendly-street', '儿童友好街区', 'Child-friendly street or block', '儿童友好街区 / 街道.', true, null, null, null, '[]', '[]',
 'No national checklist: local guidelines (建设指引) apply. An open facility of this type counts as meeting the standard.', 90),
('practice-base', '校外教育实践基地', 'Out-of-school practice base', '校外教育实践基地, 研学基地, 科普场所, 自然生态教育基地.', true, null, null, null, '[]', '[]',
 'No national checklist. An open facility of this type counts as meeting the standard.', 100),
('childcare-institution', '托育机构', 'Childcare institution', '托育机构 (places for children under 3, 托位).', true, null, null, null, '[]',
 '[{"code": "places", "nameZh": "托位数", "valueType": "integer", "minimum": 0, "unit": "个", "description": "childcare places"}]',
 'No national checklist in this register (托育机构 are licensed under their own rules). An open facility of this type counts as meeting the standard.', 110),
('minor-protection-station', '未成年人保护工作站', 'Minor protection station', '未成年人保护工作站, 未成年人救助保护中心.', true, null, null, null, '[]', '[]',
 'No national checklist. An open facility of this type counts as meeting the standard.', 120),
('parent-school', '家长学校', 'Parent school', '家长学校, 家庭教育指导服务站点.', true, null, null, null, '[]', '[]',
 'No national checklist. An open facility of this type counts as meeting the standard.', 130),
('child-activity-center', '儿童活动中心', 'Children''s activity centre', null, true, null, null, null, '[]', '[]',
 'No national checklist. An open facility of this type counts as meeting the standard.', 140),
('child-toilet', '儿童厕位', 'Child toilet', '儿童厕位, 儿童洗手池 (适儿化改造).', true, null, null, null, '[]', '[]',
 'No national checklist. An open facility of this type counts as meeting the standard.', 150),
('sports-venue', '儿童友好体育场所', 'Child-friendly sports venue', '儿童友好体育场所, 足球场.', true, null, null, null, '[]', '[]',
 'No national checklist. An open facility of this type counts as meeting the standard.', 160),
('family-education-base', '家风家教示范基地', 'Family education demonstration base', null, true, null, null, null, '[]', '[]',
 'No national checklist. An open facility of this type counts as meeting the standard.', 170),
('other', '其他', 'Other', 'Any other child-friendly facility or space; say what in the name or attributes.', true, null, null, null, '[]', '[]',
 'No national checklist. An open facility of this type counts as meeting the standard.', 999);
