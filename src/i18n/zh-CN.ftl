# annals 的中文消息。每个 id 都须在 en.ftl 中同样定义；诊断的 id 即
# `check --format json` 中稳定的 code。

## 消息中对事物的称呼。
name-key = `{ $key }`
name-record = 该记录
name-body = 正文
verbatim = { $text }
noun-pledge = 承诺
noun-pledge-item = 承诺事项
noun-inspection = 检查记录
noun-finding = 检查发现的问题
noun-honour = 表彰记录
noun-award = 奖项
noun-person = 获奖个人
noun-appraisal = 评议记录
noun-votes = 票数
noun-narrative = 文字材料
noun-unit = 单位
noun-grade = 等次
noun-report = 报告
one-grade = 等次
one-item = 事项
one-award = 奖项
noun-nothing = 空值
noun-true-false = 布尔值
noun-true-or-false = true 或 false
noun-whole-number = 整数
noun-number = 数字
noun-text = 文本
noun-list = 列表
noun-list-of-lines = 列表（以“- ”开头的各行）
noun-mapping = 映射
noun-mapping-with-fields = 含字段 { $fields } 的映射
noun-record-lines = { $what }，写成若干`key: value`行（{ $fields }）
noun-date = 写作 YYYY-MM-DD 的日期
noun-status = 状态
noun-inspection-kind = 检查类型
noun-severity = 严重程度
noun-appraisal-kind = 评议类型
noun-section = 栏目
noun-locale = 语言
noun-topic = 数据主题
noun-kind-labels = 若干`kind: label`行组成的映射
whose-pledge = 该承诺
whose-inspection = 该检查

## 诊断。
cannot-read = 无法读取文件：{ $error }
file-too-large = 文件大小为{ $mib } MiB，记录文件最大为{ $max } MiB
not-utf8-gbk = 文件不是 UTF-8 编码：看起来是 GBK 编码（中文版 Windows 的保存方式）
not-utf8 = 文件不是 UTF-8 文本
control-character = 文件含有控制字符 { $character }，记录中不能有此字符
missing-units-file = 缺少单位名册 units.yaml
duplicate-record-id = 此文件与 { $other } 的记录 id 相同：`{ $id }`
no-front-matter = Markdown 记录必须以一行`---`开头
unclosed-front-matter = 此处开始的前置字段缺少结束的`---`行
narrative-not-markdown = 文字材料必须是 Markdown（.md）文件
yaml-syntax = YAML 语法错误：{ $detail }
wrong-type = { $name }应为{ $expected }，而不是{ $found }
empty-mapping = { $name }为空
unknown-field = { $what }中有未知字段`{ $key }`
missing-field = 缺少必填字段`{ $key }`
placeholder = { $name }仍是 `annals new` 留下的占位内容 `{ $text }`
empty-value = { $name }为空
invalid-date = 无效的日期“{ $written }”
no-such-day = 无效的日期“{ $written }”：没有这一天
not-a-count = { $name }应为不小于零的整数
not-an-amount = { $name }应为不小于零的数
not-a-year = `{ $value }`不是年份
unknown-status = 未知的状态“{ $word }”
unknown-inspection-kind = 未知的检查类型“{ $word }”
unknown-severity = 未知的严重程度“{ $word }”
unknown-appraisal-kind = 未知的评议类型“{ $word }”
unknown-section = 未知的栏目“{ $word }”
unknown-locale = 未知的语言“{ $word }”
empty-list = { $name }为空：至少需要一个{ $what }
outside-year = `{ $key }`日期{ $date }不在{ $whose }所属的{ $year }年度内
grades-without-floor = 最低一个等次必须写`min: 0`，使每个分数都有等次
grades-out-of-order = 等次须从高到低排列，每个`min`都低于前一个
done-date-unfinished = 事项状态为{ $status }，却写了`done`日期
closed-date-open = 问题状态为未整改，却写了`closed`日期
award-without-recipient-fields = 奖项需要写`units`、`people`或两者
award-without-recipients = 奖项至少需要一个获奖对象
duplicate-unit = 单位 id`{ $id }`重复使用
unknown-unit = 未知的单位`{ $id }`
template-error = 模板错误：{ $detail }
template-unreadable = 无法读取模板：{ $error }
template-not-utf8 = 模板不是 UTF-8 文本；请将其另存为 UTF-8
template-context = 无法生成模板上下文：{ $error }
xlsx-failed = 无法生成 Excel 工作簿：{ $error }
docx-failed = 无法生成 Word 文档：{ $error }
template-missing = 模板`{ $template }`不在 { $folder }/ 中
duplicate-report = 已有名为`{ $name }`的报告
no-period = 无法根据`year`确定报告期
unsafe-name = { $what }{ $refused }
weights-all-zero = 所有权重都是 0，无法给任何单位计分
weights-overflow = 权重之和超出了 annals 能计算的范围
grade-above-100 = 分数最高为 100，没有单位能得到`min: { $min }`的等次
duplicate-unit-recipient = 单位`{ $id }`在此奖项中写了两次
duplicate-person-recipient = 个人`{ $name }`在此奖项中写了两次
votes-overflow = 票数之和超过 { $max }，超出了 annals 能计算的范围
votes-sum-overflow = 加上这些票数，所有评议的票数之和超过 { $max }，超出了 annals 能计算的范围
duplicate-sequence-id = 此文件中的一条记录与 { $other } 中的一条记录 id 相同：`{ $id }`
unicode-forms-id = 此文件名与 { $other } 的文件名是同一文字的两种 Unicode 形式（NFC 与 NFD），得到同一个记录 id
parent-cycle = 各单位的上级单位（parent）绕成了一个圈：{ $chain }
as-of-outside-year = 统计日期 { $day } 不在报告年度 { $year } 年内
capital-extension = 此文件未被读取：记录文件应以`.{ $lower }`结尾，而不是`.{ $ext }`
max-share-on-lowest = 最低一个等次不能写`max_share`：从上一等次落下的单位需要有等次可落
unknown-veto-grade = `veto_grade`中的等次“{ $name }”不存在
max-share-above-one = `max_share: { $value }`超过了全部
unknown-topic = 未知的数据主题“{ $word }”

## 路径检查。
unsafe-path = `{ $name }`不能用作文件名：{ $reason }
reason-empty = 它是空的
reason-separator = 它含有分隔文件夹的`{ $char }`
reason-dot-dot = 它含有会跳出文件夹的`..`
reason-leading-dot = 它以`.`开头，会隐藏文件
reason-control = 它含有不可见字符或控制字符 { $code }
reason-windows-char = 它含有 Windows 文件名不能使用的`{ $char }`
reason-windows-device = `{ $device }`是 Windows 保留的设备名
reason-trailing-dot-or-space = 它以`.`或空格结尾，Windows 会将其去掉
reason-too-long = 它长{ $bytes }字节，名称最长{ $max }字节
path-outside = { $path } 会落在 { $folder } 之外（有符号链接指向别处）
what-unit-id = 单位 id
what-report-name = 报告名
what-template = 模板
what-record-id = 记录 id
cannot-write-report = 无法写入报告：{ $reason }
cannot-write-record = 无法写入新记录：{ $reason }

## 诊断下的提示。
hint-did-you-mean = 是不是`{ $near }`？{ $rest }
hint-fill-mapping = { $what }需要用`key: value`行写出字段：{ $fields }
hint-fields = { $what }的字段有：{ $fields }
hint-add-field = 在此处添加一行`{ $key }: …`
hint-fill-placeholder = 请填写实际内容；可选字段也可删除这一行
hint-fill-body = 请把这一行改写为报告中要印出的正文
hint-write-value = 在冒号后写上值，或删除这一行
hint-date-format = 日期写作 YYYY-MM-DD，例如 2024-05-10
hint-month-length = { $year }-{ $month }只有{ $days }天
hint-month-range = 月份应在 01–12 之间
hint-found = 实际为 { $value }
hint-one-of = 应为 { $keys } 之一（或 { $labels }）
hint-check-year = 请核对年份，或把记录移到它所属的年度
hint-year-digits = 年份写四位数字，例如 2024
hint-done-date = 改为`status: done`，或删除`done`日期
hint-closed-date = 改为`status: closed`，或删除`closed`日期
hint-award-recipients = 在`units:`下列出单位 id，或在`people:`下列出姓名
hint-duplicate-unit = 名册中第{ $line }个单位已使用此 id；每个单位的 id 应各不相同
hint-did-you-mean-unit = 是不是单位`{ $near }`？单位列在 units.yaml 中
hint-units-listed = 单位列在 units.yaml 中；请在那里添加该单位，或更正 id
hint-create-units = 新建 units.yaml，列出各单位（`- id: … name: …`）
hint-rename-one = 将两个文件之一改名
hint-resave-gbk = 将其另存为 UTF-8（记事本：文件 › 另存为 › 编码：UTF-8）
hint-resave = 将其另存为 UTF-8，或移出记录文件夹
hint-control-character = 删除该字符（多数编辑器不显示它）；确需此字符时，请在双引号内用转义写法，如"\x01"
hint-front-matter = 在文件顶部的两行`---`之间写记录的字段，其后是正文
hint-close-front-matter = 在最后一个字段之后加一行`---`（文件在第{ $line }行结束）
hint-split-file = 将其拆成多个文件：通常一个文件一条记录
hint-narrative-markdown = 将其改名为 .md，并在两行`---`之间写`section`和`title`
hint-yaml-tab = YAML 用空格缩进，这一行有制表符
hint-yaml-within = { $what }始于第{ $line }行第{ $column }列
hint-template-unclosed = 有未闭合的`{ "{% if %}" }`、`{ "{% for %}" }`或`{ "{% block %}" }`
hint-rename-report = 请给报告换个名字；若要修改内置报告，在 templates/ 中放一个同名模板
hint-safe-name = 请使用字母、数字、汉字、`-`和`_`；不要用`/`、`\`、`..`、开头的`.`、控制字符或 Windows 不能保存的名称（CON、a:b、结尾的点）
hint-rename-unsafe-file = 请给文件改名。{ $hint }
hint-weights-all-zero = 请给 pledges、inspections 和 appraisal 中至少一项大于 0 的权重
hint-weights-shares = 权重是比例：0.4、0.3 和 0.3，或 4、3 和 3
hint-grade-min = `min`应在 0 到 100 之间
hint-duplicate-recipient = 删去第二条；一个奖项对每个获奖对象只表彰一次
hint-votes-count = 请核对数字：每一项都是人数
hint-sequence-id = 请给文件改名：列表文件中第 n 条记录的 id 是文件的 id 加上`#n`
hint-unicode-forms = 重新键入其中一个文件的文件名来改名；macOS 会把两者当作同一个文件
hint-parent-cycle = 圈中须有一个单位不写`parent`，或写圈外的上级单位
hint-as-of-year = 把`as_of`改为 { $year } 年内的某一天，或把`year`改为 { $other }
hint-capital-extension = 改名为以`.{ $lower }`结尾，使其成为记录；或将其移出该类记录的文件夹
hint-max-share-on-lowest = 删去最后一个等次的`max_share`
hint-grades = 应为以下等次之一：{ $names }
hint-share = 比例写成 0 到 1 之间的小数，例如 30% 写作 0.3
hint-template-recursion = 有组件无休止地调用自身：请给调用加上使其停止的条件
hint-create-template = 新建 { $path }，或更正模板名

## 诊断的排版。
label-error = 错误
label-warning = 警告
label-help = 提示
diagnostic-title = { $label }：{ $location }：{ $message }
diagnostic-help = { $label }：{ $hint }

## check 的总结行。
check-clean = 未发现问题（检查了{ $files }个文件）
check-summary = 共发现{ $errors }个错误、{ $warnings }个警告（检查了{ $files }个文件）

## 读取记录之前或之外的错误。
not-a-folder = { $path } 不是文件夹
no-config = 找不到 annals.yaml：{ $path } 不是记录文件夹（可用`annals init DIR`新建）
cannot-list = 无法列出 { $folder }/：{ $error }
cannot-create = 无法创建 { $path }：{ $error }
cannot-write = 无法写入 { $path }：{ $error }
out-is-root = 输出文件夹 { $path } 就是记录文件夹本身；请用 --out 指定单独的文件夹（默认：out/）
out-among-records = 输出文件夹 { $path } 位于 { $folder } 中，报告会与记录混在一起；请用 --out 指定单独的文件夹（默认：out/）
no-such-report = 没有名为`{ $name }`的报告；现有报告：{ $reports }
error-line = 错误：{ $message }

## init、new、hook、status 与 watch。
init-not-empty = { $path } 不是空文件夹；annals init 只写入新的或空的文件夹
init-next = 下一步：编辑 { $dir }/annals.yaml 和 { $dir }/units.yaml，然后运行`annals --root { $dir } build`
new-needs-unit = 新的{ $kind ->
    [pledge] 承诺
    [inspection] 检查记录
   *[appraisal] 评议记录
}须属于某个单位：请用 --unit ID 指明
new-unknown-unit-near = 未知的单位`{ $id }`；是不是`{ $near }`？
new-unknown-unit = 未知的单位`{ $id }`；单位列在 units.yaml 中
hook-not-git = 记录文件夹不在 git 仓库中（{ $why }）
cannot-run-git = 无法运行 git（{ $error }）；请确认已安装 git 并在 PATH 中
hook-exists = { $path } 已存在，未作改动；请手动在其中加入`annals check`
status-needs-fixes = 请先改正以上错误，再查看状态
no-such-year = 没有这个年度
cannot-watch = 无法监视 { $path }：{ $error }
cannot-catch-ctrl-c = 无法捕获 Ctrl-C：{ $error }
watching = 正在监视 { $path }（按 Ctrl-C 停止）
watch-built = [{ $time }] 已生成{ $files }个文件，用时{ $ms }毫秒
watch-failed = [{ $time }] 有{ $errors }个错误：保留之前的报告
watch-error = [{ $time }] 错误：{ $message }
watch-stopped = 已停止

## status。
status-title = annals 状态：{ $date }（{ $year }年度记录）
status-open = 未完成整改：{ $count }项（其中逾期{ $overdue }项）
status-due-soon = 未来{ $days }天内到期的承诺事项：{ $count }项
status-units = 各单位
status-none = （无）
status-days = { $days }天
column-unit = 单位
column-due = 期限
column-overdue = 逾期
column-issue = 问题
column-left = 剩余
column-item = 事项
column-done = 完成
column-fulfilment = 兑现率
column-open = 未整改
column-rectified = 整改率

## import。
import-field = { $field ->
    [unit] 单位
    [date] 日期
    [team] 检查组
    [kind] 类型
    [issue] 问题
    [severity] 严重程度
    [action] 整改措施
    [due] 整改时限
    [status] 状态
    [closed] 销号日期
    [person] 承诺人
    [made] 承诺日期
    [text] 承诺事项
    [done] 完成日期
   *[other] { $field }
}
import-place-sheet = 工作表“{ $sheet }”第{ $row }行
import-place-row = 第{ $row }行
import-cell = { $place }{ $column }列（{ $header }）：{ $message }
import-missing-value = 缺少{ $field }
hint-import-missing-value = 每一行都须填写{ $field }
import-conflicting-rows = 此行与第{ $first_row }行属于同一条记录（单位和日期相同），但{ $field }不同
hint-import-conflicting-rows = 让同一记录的各行一致，或给它们不同的日期
import-not-a-date = `{ $text }`不是日期
hint-import-date = 请写存在的日期，如 2024-04-18、2024年4月18日、2024.4.18 或 2024/4/18，或把单元格设为 Excel 日期
import-not-yes-no = `{ $word }`不是“是”或“否”
hint-import-yes-no = 请写“是”或“否”（yes 或 no）
import-ambiguous-unit = 简称`{ $word }`为多个单位共用
hint-import-ambiguous-unit = 请改写单位的 id 或全称：{ $units }
hint-import-units-listed = 单位列在 units.yaml 中（按 id、全称或简称）；请在那里添加该单位，或更正单元格
import-no-header = 前{ $rows }行中没有标明各列的表头
import-no-header-in-sheet = 工作表“{ $sheet }”的前{ $rows }行中没有标明各列的表头
hint-import-header = 请在数据上方加一行表头，至少包含 { $headers }
import-missing-column = { $place }：没有“{ $header }”（{ $field }）列
hint-import-column-near = 是不是“{ $near }”列？{ $rest }
hint-import-column-headers = 表头可写作 { $headers }
import-duplicate-column = { $place }：{ $first }列（{ $first_header }）和{ $second }列（{ $second_header }）都给出了{ $field }
hint-import-duplicate-column = 保留其中一列，或给另一列改名
import-csv-has-no-sheets = { $file } 是 CSV 文件：没有可选的工作表
import-cannot-read = 无法读取 { $file }：{ $error }
import-wrong-type = 无法导入 { $file }：annals 读取 .xlsx 和 .csv 文件（请将表格另存为其中一种）
import-no-such-sheet = { $file } 中没有工作表“{ $wanted }”；现有工作表：{ $sheets }
import-no-such-sheet-near = { $file } 中没有工作表“{ $wanted }”；是不是“{ $near }”？现有工作表：{ $sheets }
import-no-sheets = { $file } 中没有工作表
import-cannot-read-sheet = 无法读取 { $file } 的工作表“{ $sheet }”：{ $error }
import-not-text = { $file } 既不是 UTF-8 也不是 GB18030 文本；请在表格软件中另存为“CSV UTF-8”
import-bad-csv-row = { $file }：第{ $row }行：{ $error }
import-bad-bom = { $file } 以 UTF-8 字节序标记开头，内容却不是 UTF-8 文本
import-no-free-name = 没有可用的文件名
import-note-encoding = 注意：按{ $encoding ->
    [GB18030] GB18030
   *[other] 带字节序标记的 UTF-8
}编码读取了 { $file }
import-note-ignored = 注意：未导入的列：{ $columns }
import-would-write = 将写入 { $path }（第{ $rows }行）：
import-wrote = 已写入 { $path }（第{ $rows }行）
import-made = { $rows }行数据生成了{ $records }个记录文件
import-would-make = { $rows }行数据将生成{ $records }个记录文件；未写入任何文件（--dry-run）

## serve 与 schema。
cannot-read-path = 无法读取 { $path }：{ $error }
serve-cannot-start = 无法启动服务器：{ $error }
serve-cannot-serve = 无法提供服务：{ $error }
serve-stopped = 服务器已停止：{ $error }
serve-reports = 报告
serve-column-report = 报告
serve-column-formats = 格式
serve-last-built = 最近一次生成于 { $at }。
serve-building = 正在生成……
serve-not-found = 未找到
serve-only-reports = 这里只提供报告，请看
serve-the-list = 报告列表
serve-first-build-failed = 尚无报告：首次生成失败。
schema-cannot-write = 无法把模式文件写入 { $dir }：{ $error }
cannot-listen = 无法监听 127.0.0.1:{ $port }：{ $error }
serving = 正在提供 { $url }（按 Ctrl-C 停止）
browser-failed = 无法打开浏览器（{ $error }）；请自行打开 { $url }

## build 的输出行。
wrote = 已写入 { $path }
nothing-written = 未写入任何文件
import-unplaceable = 第{ $rows }行：{ $error }
