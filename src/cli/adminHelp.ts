/** `npm run admin -- --help`: Chinese first, then English (command-line help is its own bilingual text). */
export const ADMIN_HELP = `用法：npm run admin -- <命令> [参数]

  init --org <名称> [--admin <姓名>] [--kind county|township|street|branch]
                       在空数据库上创建根组织和第一位管理员（姓名默认“管理员”），打印邀请码供其绑定
                       聊天账号，以及控制台登录链接。
  backup               备份内置数据库（PGlite）到 BACKUP_DIR，保留最近 BACKUP_KEEP 份。
                       机器人运行时由它每晚自动备份；手动备份需先停止机器人。
                       使用 PostgreSQL 时请用 pg_dump（见 docs/deploy.md）。
  restore <文件>       用备份文件恢复内置数据库。机器人正在使用该数据目录时拒绝执行；
                       原数据库保留为 DATA_DIR/pg.before-restore-<时间>。
  jobs list            列出定时任务及其最近一次成功运行的时间。
  jobs run <任务名>    立即运行一次任务（经任务协调器，多个实例时也只运行一次）。
  staff grant|revoke <人> <角色> <组织>
                       授予或取消角色（secretary|liaison|helper|org_admin）；人和组织用名称或编号。
                       取消联络员、帮扶人时，该组织内由其负责的党员随之解除；其聊天菜单随之更新。
  staff list [组织]    列出（某组织的）工作人员及其角色。
  org add <名称> <类型> [上级]
                       新建组织（类型：county|township|street|branch|inflow|temporary_branch|industry_group）。
  org rename <组织> <新名称>    组织改名。
  org move <组织> <新上级>      把组织连同其全部下级移到新上级之下（不能移到自身之下）。
  org archive <组织>   归档组织（保留记录）；仍有下级组织或党员时拒绝，请先移走。
  org list             按层级列出全部组织。
  org import <文件.xlsx|.csv> [--apply]
                       从表格导入组织树：列为 名称、类型、上级（上级写名称，可以是表中的组织或已有组织，
                       行序不限；最上级的上级留空）。已有的同名组织不再新建。默认只预览将要新建什么，
                       加 --apply 才写入；有问题的行标明行号，有问题时什么也不写入。
  study add <组织> <类别> <标题> [--publish 日期] [--link 链接] [--body 正文] [--occupations 职业,…]
                       远程教育学习计划加一条（类别：policy_law|practical_skills|model_experience|market_info|
                       science_culture_health）；不写日期则为 DEFAULT_TIMEZONE 的今天；不写职业则发给全部党员。
  study list [组织]    列出学习计划及已学习人数。
  study import <文件.xlsx|.csv> [--org 组织] [--apply]
                       从表格导入学习计划：列为 组织、类别、标题、正文、链接、日期、职业（同 study add；
                       没有“组织”列时用 --org）。同一组织同一天同一标题的不重复添加。默认只预览，加 --apply 才写入。
  settings show <组织>  组织实际采用的设置及其来源（本组织、上级或 .env 中的默认值）：报到周期（reminderDay 等）、
                       提醒时段（promptStartHour–promptEndHour，党员当地时间，其余为免打扰）、每周提醒上限
                       （weeklyCap）和评议月份（evaluationMonth）。
  settings set <组织> promptStartHour=8 promptEndHour=21 weeklyCap=2 …
                       为该组织设置（其下级未单独设置的随之采用；未写的项不变；写 =inherit 则恢复随上级）：
                       reminderDay 1–28、followUpAfterDays 1–20、liaisonAfterDays 0–20、secretaryAfterDays 0–20、
                       promptStartHour 0–23、promptEndHour 1–24（须晚于开始）、weeklyCap 1–14、evaluationMonth 1–12。
  --help, -h           显示本帮助。

每条命令都记入审计日志（audit_log）。设置取自环境变量、.env 文件（见 .env.example）。

Usage: npm run admin -- <command> [arguments]

  init --org <name> [--admin <name>] [--kind county|township|street|branch]
                       On an empty database: the root organisation and its first administrator (named 管理员
                       unless given); prints the invite code that links the administrator's chat account and a
                       console sign-in link.
  backup               Back up the embedded database (PGlite) into BACKUP_DIR, keeping the newest BACKUP_KEEP.
                       A running bot does this every night; by hand, stop the bot first.
                       On PostgreSQL use pg_dump (see docs/deploy.md).
  restore <file>       Restore the embedded database from a backup. Refused while a bot uses the data folder;
                       the database it replaces is kept as DATA_DIR/pg.before-restore-<time>.
  jobs list            The scheduled jobs and when each last finished a run.
  jobs run <name>      Run a job now (through the job coordinator: once, however many instances run).
  staff grant|revoke <person> <role> <org>
                       Give or take a role (secretary|liaison|helper|org_admin); person and organisation by name
                       or id. Revoking a liaison or helper frees the members they had there; their chat menu follows.
  staff list [org]     The staff and their roles (in one organisation).
  org add <name> <kind> [parent]
                       A new organisation (kind: county|township|street|branch|inflow|temporary_branch|industry_group).
  org rename <org> <name>       Rename an organisation.
  org move <org> <new parent>   Move an organisation with its whole subtree (never under itself).
  org archive <org>    Close an organisation, keeping its row; refused while open organisations or members remain.
  org list             Every organisation, as a tree.
  org import <file.xlsx|.csv> [--apply]
                       Import a tree of organisations: columns name (名称), type (类型), parent (上级: by name, an
                       organisation of the sheet or one that exists, rows in any order; empty at the top). A name
                       that exists is not created again. Without --apply it only shows what would be created; rows
                       with problems are named by row number, and while any remain nothing is written.
  study add <org> <category> <title> [--publish date] [--link url] [--body text] [--occupations a,b]
                       An item of the study plan (category: policy_law|practical_skills|model_experience|market_info|
                       science_culture_health); without a date, today in DEFAULT_TIMEZONE; without occupations, for all.
  study list [org]     The study plan, with how many have read each item.
  study import <file.xlsx|.csv> [--org org] [--apply]
                       Import study items: columns org, category, title, body, link, date, occupations (as study
                       add takes them; --org for a sheet without an org column). An organisation's title on the
                       same day is not added twice. Without --apply it only shows what would be added.
  settings show <org>  What the organisation uses, and where each value comes from (its own, from above, or the
                       default in .env): the report cycle (reminderDay …), the prompt hours (promptStartHour–
                       promptEndHour, the member's local time; quiet hours outside them), the weekly cap on prompts
                       (weeklyCap) and the evaluation month (evaluationMonth).
  settings set <org> promptStartHour=8 promptEndHour=21 weeklyCap=2 …
                       Set them for the organisation (branches below follow unless they set their own; what is not
                       named stays; =inherit follows the organisation above again): reminderDay 1–28,
                       followUpAfterDays 1–20, liaisonAfterDays 0–20, secretaryAfterDays 0–20, promptStartHour 0–23,
                       promptEndHour 1–24 (after the start), weeklyCap 1–14, evaluationMonth 1–12.
  --help, -h           This help.

Every command is written to the audit log (audit_log). Settings come from the environment and .env (.env.example).
`;
