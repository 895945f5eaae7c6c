## Importing an organisation tree and a study plan (admin command line, later the web console)
table-file-refused = { $reason ->
        [xls] This is an old Excel file (.xls), which cannot be read. Open it in Excel or WPS, "Save as" an Excel workbook (*.xlsx), and import that.
        [encrypted] This sheet is protected by a password and cannot be read. Remove the password, save, and import again.
        [too-large] The file is too large (over { $limit } bytes); nothing was imported.
        [too-large-unpacked] This file unpacks to too much; nothing was imported. Save it as a new .xlsx in Excel and import that.
        [too-many-rows] The sheet has more than { $limit } rows; nothing was imported. Split it into several files.
        [too-many-columns] The sheet has more than { $limit } columns; nothing was imported.
        [empty] The sheet is empty.
       *[unreadable] The file cannot be opened. Use .xlsx or .csv.
    }
table-missing-columns = The header lacks these columns: { $columns }. The header must be within the first 10 rows, with column names such as: { $example }.
import-dry-run = This is a preview only: nothing was written. When it looks right, run it again with --apply.
import-has-problems = Correct the rows with problems in the sheet first: while any remain, nothing is written.
org-import-create = Row { $row }: create { $name } ({ $kind ->
        [county] county committee
        [township] township committee
        [street] street committee
        [branch] branch
        [inflow] inflow organisation
        [temporary_branch] temporary branch
       *[industry_group] industry organisation
    }) under { $parent }
org-import-create-top = Row { $row }: create { $name } ({ $kind ->
        [county] county committee
        [township] township committee
        [street] street committee
        [branch] branch
        [inflow] inflow organisation
        [temporary_branch] temporary branch
       *[industry_group] industry organisation
    }) at the top
org-import-exists = Row { $row }: { $name } exists already (id { $id }); not created again.
org-import-exists-elsewhere = Row { $row }: { $name } exists already (id { $id }), but under "{ $under }", not the parent in the sheet: neither created nor moved (use org move if it should be).
org-import-problem = Row { $row }: { $problem ->
        [no-name] no name.
        [bad-kind] the type "{ $kind }" is not understood. Write county, township, street, branch, inflow, temporary_branch or industry_group (or 县, 乡镇, 街道, 党支部, 流入地党组织, 临时党支部, 行业党组织).
        [duplicate-row] "{ $name }" is on row { $first } already.
        [unknown-parent] the parent "{ $parent }" is neither in the sheet nor an existing organisation (archived ones do not count).
        [ambiguous-parent] more than one organisation is called "{ $parent }": rename them apart first.
        [parent-refused] the parent "{ $parent }" (row { $parentRow }) has a problem, so this row cannot be imported either.
        [cycle] the parents go round in a circle ("{ $name }" ends up under itself).
        [ambiguous-name] more than one organisation is called "{ $name }": it is not clear which one is meant.
       *[outside-scope] the parent "{ $parent }" is not among the organisations you run.
    }
org-import-summary = { $rows } rows: { $create } organisations to create, { $exists } there already, { $problems } rows with problems.
org-import-applied = Created { $created } organisations.
study-import-create = Row { $row }: { $date } "{ $title }" → { $org } ({ $category ->
        [policy_law] policy and law
        [practical_skills] practical skills
        [model_experience] model experience
        [market_info] market information
       *[science_culture_health] science, culture and health
    })
study-import-exists = Row { $row }: { $org } has "{ $title }" on { $date } already (id { $id }); not added again.
study-import-problem = Row { $row }: { $problem ->
        [no-title] no title.
        [no-org] no organisation (for a sheet of one organisation, name it with --org).
        [unknown-org] there is no organisation "{ $org }" (archived ones do not count).
        [ambiguous-org] more than one organisation is called "{ $org }": write its id.
        [bad-category] the category "{ $category }" is not understood. Write 政策法规, 实用技术, 典型经验, 市场信息 or 科普文卫 (or policy_law, practical_skills, model_experience, market_info, science_culture_health).
        [bad-date] the date "{ $date }" is not understood: write a day, such as 2026-12-05.
        [bad-link] the link "{ $link }" is not a web address (it should start with http:// or https://).
       *[duplicate-row] the same item as row { $first } (same organisation, title and day).
    }
study-import-summary = { $rows } rows: { $create } study items to add, { $exists } there already, { $problems } rows with problems.
study-import-applied = Added { $created } study items.
