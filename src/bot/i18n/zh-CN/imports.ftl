## 导入组织树和学习计划（管理命令行，以后也给网页后台用）
table-file-refused = { $reason ->
        [xls] 这是旧版 Excel（.xls）文件，读不了。请在 Excel 或 WPS 里“另存为” Excel 工作簿（*.xlsx）后再导入。
        [encrypted] 这个表格设了打开密码，读不了。请先取消密码，另存后再导入。
        [too-large] 文件太大（超过 { $limit } 字节），没有导入。
        [too-large-unpacked] 这个文件解开后太大，没有导入。请在 Excel 里另存为新的 .xlsx 再导入。
        [too-many-rows] 表格超过 { $limit } 行，没有导入。请分成几个文件。
        [too-many-columns] 表格超过 { $limit } 列，没有导入。
        [empty] 表里没有内容。
       *[unreadable] 文件打不开。请用 .xlsx 或 .csv 格式。
    }
table-missing-columns = 表头里没有这些列：{ $columns }。表头要在前 10 行里，列名例如：{ $example }。
import-dry-run = 这只是预览，什么也没有写入。确认无误后加 --apply 再运行一次。
import-has-problems = 有问题的行要先在表里改正：只要还有问题，就什么也不写入。
org-import-create = 第 { $row } 行：新建 { $name }（{ $kind ->
        [county] 县级党委
        [township] 乡镇党委
        [street] 街道党工委
        [branch] 党支部
        [inflow] 流入地党组织
        [temporary_branch] 临时党支部
       *[industry_group] 行业党组织
    }），隶属 { $parent }
org-import-create-top = 第 { $row } 行：新建 { $name }（{ $kind ->
        [county] 县级党委
        [township] 乡镇党委
        [street] 街道党工委
        [branch] 党支部
        [inflow] 流入地党组织
        [temporary_branch] 临时党支部
       *[industry_group] 行业党组织
    }），作为最上级组织
org-import-exists = 第 { $row } 行：{ $name } 已有（编号 { $id }），不再新建。
org-import-exists-elsewhere = 第 { $row } 行：{ $name } 已有（编号 { $id }），但在“{ $under }”之下，与表中的上级不同：不新建，也不移动（需要时用 org move）。
org-import-problem = 第 { $row } 行：{ $problem ->
        [no-name] 没有名称。
        [bad-kind] 类型“{ $kind }”看不懂。可写：县、乡镇、街道、党支部、流入地党组织、临时党支部、行业党组织（或 county、township、street、branch、inflow、temporary_branch、industry_group）。
        [duplicate-row] “{ $name }”在第 { $first } 行已经有了。
        [unknown-parent] 上级“{ $parent }”既不在表中，也没有这个组织（已归档的不算）。
        [ambiguous-parent] 叫“{ $parent }”的上级组织不止一个，请先改名把它们区分开。
        [parent-refused] 上级“{ $parent }”（第 { $parentRow } 行）有问题，这一行也导入不了。
        [cycle] 上下级绕成了圈（“{ $name }”最终在自己之下）。
        [ambiguous-name] 已有不止一个叫“{ $name }”的组织，不知道指的是哪一个。
       *[outside-scope] 上级“{ $parent }”不在您管理的组织范围内。
    }
org-import-summary = 共 { $rows } 行：将新建 { $create } 个组织，已有 { $exists } 个，有问题 { $problems } 行。
org-import-applied = 已新建 { $created } 个组织。
study-import-create = 第 { $row } 行：{ $date } 《{ $title }》→ { $org }（{ $category ->
        [policy_law] 政策法规
        [practical_skills] 实用技术
        [model_experience] 典型经验
        [market_info] 市场信息
       *[science_culture_health] 科普文卫
    }）
study-import-exists = 第 { $row } 行：{ $org } 在 { $date } 已有《{ $title }》（编号 { $id }），不再添加。
study-import-problem = 第 { $row } 行：{ $problem ->
        [no-title] 没有标题。
        [no-org] 没有写组织（整张表是一个组织的，可以用 --org 指定）。
        [unknown-org] 没有叫“{ $org }”的组织（已归档的不算）。
        [ambiguous-org] 叫“{ $org }”的组织不止一个，请写组织编号。
        [bad-category] 类别“{ $category }”看不懂。可写：政策法规、实用技术、典型经验、市场信息、科普文卫。
        [bad-date] 日期“{ $date }”看不懂，请写到日，例如 2026-12-05。
        [bad-link] 链接“{ $link }”不是网址（应以 http:// 或 https:// 开头）。
       *[duplicate-row] 与第 { $first } 行是同一条（同一组织、同一标题、同一天）。
    }
study-import-summary = 共 { $rows } 行：将添加 { $create } 条学习内容，已有 { $exists } 条，有问题 { $problems } 行。
study-import-applied = 已添加 { $created } 条学习内容。
