#!/usr/bin/env python3
"""Example 政府信息公开工作年度报告 for reportlint's table rules.

Holds the data of every example in examples/xxgk/ and writes, for each,
NN_name.html (a portal article page) and NN_name.txt (a drafter's aligned
plain-text copy). With --docx-src DIR it also writes DIR/NN_name.html: the
same report markup without the portal chrome, which make.sh hands to
LibreOffice to make NN_name.docx (a Word file holds the report, not the
portal's navigation). Python 3 standard library only; the output depends on
nothing but this file.

    python3 examples/xxgk/gen.py [--docx-src DIR]
"""

import html
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------- formats --

NOTICE_2021 = (
    "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和"
    "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息"
    "公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。")
NOTICE_2019 = (
    "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和"
    "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关"
    "事项的通知》（国办公开办函〔2019〕60号）要求，按照《中华人民共和国政府"
    "信息公开工作年度报告格式（试行）》编制。")

HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]

# Table 二: a list of sub-tables (article, headers after 信息内容, rows);
# each row is (label, [values]); values are str as written in the cell.
T2_2021 = [
    ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"],
     ["规章", "行政规范性文件"]),
    ("第二十条第（五）项", ["本年处理决定数量"], ["行政许可"]),
    ("第二十条第（六）项", ["本年处理决定数量"], ["行政处罚", "行政强制"]),
    ("第二十条第（八）项", ["本年收费金额（单位：万元）"], ["行政事业性收费"]),
]
T2_2019 = [
    ("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
     ["规章", "规范性文件"]),
    ("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
     ["行政许可", "其他对外管理服务事项"]),
    ("第二十条第（六）项", ["上一年项目数量", "本年增/减"],
     ["行政处罚", "行政强制"]),
    ("第二十条第（八）项", ["上一年项目数量", "本年增/减",
                          "本年收费金额（单位：万元）"], ["行政事业性收费"]),
    ("第二十条第（九）项", ["采购项目数量", "采购总金额"], ["政府集中采购"]),
]

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_COLS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
           "其他", "总计"]

# Table 三's rows: (key, label cells starting on this row). A label cell is
# (text, level, colspan, rowspan); level 0 is the leftmost label column.
# Rowspans of 三、本年度办理结果 are filled in by t3_rows().
_R3 = ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
       "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息",
       "7.属于行政执法案卷", "8.属于行政查询事项"]
_R4 = ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作",
       "3.补正后申请内容仍不明确"]
_R5 = ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
       "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息"]
_R6 = ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
       "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
       "3.其他"]


def _group(prefix, head, subs):
    rows = []
    for i, s in enumerate(subs):
        cells = [(head, 1, 1, len(subs))] if i == 0 else []
        rows.append(("%s_%d" % (prefix, i + 1), cells + [(s, 2, 1, 1)]))
    return rows


def t3_rows(fmt):
    rows = [("new", [("一、本年新收政府信息公开申请数量", 0, 3, 1)]),
            ("carry", [("二、上年结转政府信息公开申请数量", 0, 3, 1)])]
    res = [("r1", [("（一）予以公开", 1, 2, 1)]),
           ("r2", [("（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                    1, 2, 1)])]
    res += _group("r3", "（三）不予公开", _R3)
    res += _group("r4", "（四）无法提供", _R4)
    res += _group("r5", "（五）不予处理", _R5)
    if fmt == 2021:
        res += _group("r6", "（六）其他处理", _R6)
    else:
        res.append(("r6", [("（六）其他处理", 1, 2, 1)]))
    res.append(("total", [("（七）总计", 1, 2, 1)]))
    first_key, first_cells = res[0]
    res[0] = (first_key, [("三、本年度办理结果", 0, 1, len(res))] + first_cells)
    rows += res
    rows.append(("next", [("四、结转下年度继续办理", 0, 3, 1)]))
    return rows


def result_keys(fmt):
    return [k for k, _ in t3_rows(fmt) if k.startswith("r")]


T4_GROUPS = ["行政复议", "未经复议直接起诉", "复议后起诉"]
T4_LEAVES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

# ------------------------------------------------------------ data helpers --


def make_t3(fmt, results, carry, nxt):
    """results: {row key: six applicant counts}; rows not named are zero.
    Returns {row key: seven cells as str}, consistent: the 总计 column is
    the row sum, （七）总计 the sum of the result rows, 一 = （七）+ 四 - 二."""
    z = [0] * 6
    vals = {}
    keys = result_keys(fmt)
    for k in results:
        assert k in keys, k
    for k in keys:
        vals[k] = list(results.get(k, z))
    total = [sum(vals[k][c] for k in keys) for c in range(6)]
    new = [total[c] + nxt[c] - carry[c] for c in range(6)]
    assert min(new) >= 0
    vals.update(total=total, carry=list(carry), next=list(nxt), new=new)
    return {k: [str(x) for x in v + [sum(v)]] for k, v in vals.items()}


def make_t4(*groups):
    """Three groups of four counts (维持, 纠正, 其他, 尚未审结); adds 总计."""
    out = []
    for g in groups:
        out += [str(x) for x in g] + [str(sum(g))]
    return out


def t2_values(fmt, **kw):
    """Table 二 values keyed by row label, as lists of cell strings."""
    return {k: [str(x) for x in v] for k, v in kw.items()}


def num(s):
    return int(s) if s.strip() else 0


# -------------------------------------------------------------- examples --
# Each example: the agency, its kind (gov: a people's government's office,
# dated 3月10日; dept: a department, dated 1月20日), the table data, the
# prose specific to it, and its seeds (cells overwritten after the
# consistent data is made): (table, row key or index, column, written,
# consistent).

EXAMPLES = []


def example(**kw):
    EXAMPLES.append(kw)


Z = [0, 0, 0, 0, 0, 0]

example(
    name="01_consistent", agency="某县人民政府办公室", kind="gov", fmt=2021,
    t2=dict(规章=[0, 0, 0], 行政规范性文件=[5, 2, 48], 行政许可=[2356],
            行政处罚=[1024], 行政强制=[37], 行政事业性收费=["0"]),
    t3=make_t3(2021, {
        "r1": [18, 3, 0, 0, 1, 0], "r2": [3, 0, 0, 0, 1, 0],
        "r3_4": [1, 0, 0, 0, 0, 0], "r3_6": [1, 0, 0, 0, 0, 0],
        "r4_1": [6, 1, 0, 0, 0, 0], "r4_2": [1, 0, 0, 0, 0, 0],
        "r5_1": [2, 0, 0, 0, 0, 0], "r5_2": [1, 0, 0, 0, 0, 0],
        "r6_1": [1, 0, 0, 0, 0, 0]},
        carry=[1, 0, 0, 0, 0, 0], nxt=[2, 0, 0, 0, 0, 0]),
    t4=make_t4([1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]),
    active=("通过县人民政府门户网站主动公开政府信息1268条，其中政策文件86件、"
            "政策解读42篇，发布财政预决算、重大建设项目、公共资源配置等重点领域"
            "信息317条；通过“某县发布”政务新媒体发布信息956条。"),
    seeds=[],
)

example(
    name="02_column_balance", agency="某市司法局", kind="dept", fmt=2021,
    t2=dict(规章=[0, 0, 0], 行政规范性文件=[1, 0, 3], 行政许可=[215],
            行政处罚=[12], 行政强制=[0], 行政事业性收费=["0"]),
    t3=make_t3(2021, {
        "r1": [12, 1, 0, 0, 2, 0], "r2": [2, 0, 0, 0, 0, 0],
        "r3_4": [1, 0, 0, 0, 0, 0], "r3_5": [1, 0, 0, 0, 0, 0],
        "r4_1": [5, 0, 0, 0, 1, 0], "r4_3": [1, 0, 0, 0, 0, 0],
        "r5_1": [3, 0, 0, 0, 0, 0], "r5_3": [1, 0, 0, 0, 0, 0],
        "r6_1": [1, 0, 0, 0, 0, 0]},
        carry=[2, 0, 0, 0, 0, 0], nxt=[1, 0, 0, 0, 0, 0]),
    t4=make_t4([2, 0, 0, 1], [1, 0, 0, 0], [0, 0, 0, 0]),
    active=("在市人民政府门户网站本局信息公开专栏主动公开政府信息412条，其中"
            "律师、公证、司法鉴定等行政许可和行政处罚信息227条，普法宣传和"
            "公共法律服务信息108条，“双随机、一公开”抽查结果6条；通过"
            "“某市司法”微信公众号发布信息389条。"),
    # 一、本年新收: 自然人 26 → 28 and 总计 30 → 32 (the row still sums).
    seeds=[("三", "new", 0, "28", "26"), ("三", "new", 6, "32", "30")],
)

example(
    name="03_results_sum", agency="某区人民政府办公室", kind="gov", fmt=2021,
    t2=dict(规章=[0, 0, 0], 行政规范性文件=[6, 3, 52], 行政许可=[3120],
            行政处罚=[865], 行政强制=[24], 行政事业性收费=["0"]),
    t3=make_t3(2021, {
        "r1": [26, 4, 0, 1, 2, 0], "r2": [4, 1, 0, 0, 0, 0],
        "r3_3": [1, 0, 0, 0, 0, 0], "r3_6": [2, 0, 0, 0, 0, 0],
        "r4_1": [9, 2, 0, 0, 0, 1], "r4_2": [2, 0, 0, 0, 0, 0],
        "r4_3": [1, 0, 0, 0, 0, 0],
        "r5_1": [4, 0, 0, 0, 0, 0], "r5_2": [2, 0, 0, 0, 0, 0],
        "r5_5": [1, 0, 0, 0, 0, 0],
        "r6_1": [2, 0, 0, 0, 0, 0], "r6_3": [1, 0, 0, 0, 0, 0]},
        carry=[3, 1, 0, 0, 0, 0], nxt=[4, 0, 0, 0, 1, 0]),
    t4=make_t4([3, 1, 0, 0], [1, 0, 0, 1], [1, 0, 0, 0]),
    active=("通过区人民政府门户网站主动公开政府信息2135条，其中政策文件112件、"
            "政策解读58篇，发布征地拆迁、保障性住房、义务教育招生等民生领域"
            "信息463条；召开新闻发布会9场，通过政务新媒体发布信息1720条。"),
    # （一）予以公开: 自然人 26 → 27 and 总计 33 → 34 (the row still sums).
    seeds=[("三", "r1", 0, "27", "26"), ("三", "r1", 6, "34", "33")],
)

example(
    name="04_applicant_sum", agency="某县市场监督管理局", kind="dept", fmt=2021,
    t2=dict(规章=[0, 0, 0], 行政规范性文件=[2, 1, 9], 行政许可=[5432],
            行政处罚=[387], 行政强制=[46], 行政事业性收费=["12.35"]),
    t3=make_t3(2021, {
        "r1": [9, 5, 0, 0, 1, 0], "r2": [1, 2, 0, 0, 0, 0],
        "r3_4": [1, 1, 0, 0, 0, 0],
        "r4_1": [4, 1, 0, 0, 0, 0],
        "r5_1": [3, 0, 0, 0, 0, 0], "r5_2": [1, 0, 0, 0, 0, 0],
        "r6_1": [0, 1, 0, 0, 0, 0]},
        carry=[0, 1, 0, 0, 0, 0], nxt=[1, 0, 0, 0, 0, 0]),
    t4=make_t4([1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]),
    active=("在县人民政府门户网站本局信息公开专栏主动公开政府信息865条，其中"
            "行政许可、行政处罚“双公示”信息534条，食品安全监督抽检信息126条，"
            "“双随机、一公开”抽查结果18条；通过“某县市场监管”微信公众号"
            "发布消费提示和政策解读信息213条。"),
    # （一）予以公开 商业企业 5 → 6 and （二）部分公开 商业企业 2 → 1: both
    # rows' 总计 (15, 3) stay, the 商业企业 column still balances.
    seeds=[("三", "r1", 1, "6", "5"), ("三", "r2", 1, "1", "2")],
)

example(
    name="05_review_total", agency="某市自然资源和规划局", kind="dept", fmt=2021,
    t2=dict(规章=[0, 0, 0], 行政规范性文件=[3, 1, 17], 行政许可=[628],
            行政处罚=[54], 行政强制=[3], 行政事业性收费=["286.40"]),
    t3=make_t3(2021, {
        "r1": [21, 3, 0, 0, 2, 1], "r2": [5, 1, 0, 0, 0, 0],
        "r3_4": [2, 0, 0, 0, 0, 0], "r3_6": [1, 0, 0, 0, 0, 0],
        "r3_7": [1, 0, 0, 0, 0, 0],
        "r4_1": [11, 2, 0, 0, 1, 0], "r4_2": [3, 0, 0, 0, 0, 0],
        "r4_3": [1, 0, 0, 0, 0, 0],
        "r5_1": [5, 0, 0, 0, 0, 0], "r5_2": [2, 0, 0, 0, 0, 0],
        "r5_4": [1, 0, 0, 0, 0, 0],
        "r6_1": [2, 0, 0, 0, 0, 0], "r6_3": [1, 0, 0, 0, 0, 0]},
        carry=[4, 0, 0, 0, 0, 0], nxt=[3, 1, 0, 0, 0, 0]),
    t4=make_t4([2, 1, 0, 1], [1, 0, 1, 1], [1, 0, 0, 0]),
    active=("在市人民政府门户网站本局信息公开专栏主动公开政府信息1046条，其中"
            "国土空间规划、建设用地审批、土地征收等信息378条，规划许可批前公示"
            "和批后公布信息264条，矿业权出让信息15条；通过“某市自然资源”"
            "微信公众号发布信息302条。"),
    # 表四 行政复议 总计 4 → 5 (2 + 1 + 0 + 1 = 4).
    seeds=[("四", 0, 4, "5", "4")],
)

example(
    name="06_negative", agency="某市人民政府办公室", kind="gov", fmt=2021,
    t2=dict(规章=[2, 1, 15], 行政规范性文件=[8, 2, 64], 行政许可=[0],
            行政处罚=[0], 行政强制=[0], 行政事业性收费=["0"]),
    t3=make_t3(2021, {
        "r1": [35, 6, 1, 0, 3, 2], "r2": [6, 1, 0, 0, 1, 0],
        "r3_1": [1, 0, 0, 0, 0, 0], "r3_3": [1, 0, 0, 0, 0, 0],
        "r3_5": [2, 0, 0, 0, 0, 0], "r3_6": [3, 1, 0, 0, 0, 0],
        "r4_1": [14, 2, 0, 0, 0, 1], "r4_2": [4, 1, 0, 0, 0, 0],
        "r4_3": [2, 0, 0, 0, 0, 0],
        "r5_1": [7, 0, 0, 0, 0, 0], "r5_2": [3, 0, 0, 0, 0, 0],
        "r5_3": [1, 0, 0, 0, 0, 0], "r5_5": [1, 0, 0, 0, 0, 0],
        "r6_1": [3, 0, 0, 0, 0, 0], "r6_2": [1, 0, 0, 0, 0, 0],
        "r6_3": [2, 0, 0, 0, 0, 0]},
        carry=[5, 1, 0, 0, 0, 0], nxt=[6, 0, 0, 0, 1, 0]),
    t4=make_t4([4, 1, 1, 0], [2, 0, 0, 1], [1, 0, 0, 1]),
    active=("通过市人民政府门户网站主动公开政府信息3427条，其中市政府规章2件、"
            "市政府及市政府办公室文件156件、政策解读89篇，发布财政预决算、"
            "重大建设项目、公共资源交易等重点领域信息1052条；召开新闻发布会"
            "24场，通过政务新媒体发布信息4315条。"),
    # 表二 行政规范性文件 本年废止件数 2 written as -2 (a sign typo).
    seeds=[("二", "行政规范性文件", 1, "-2", "2")],
)

example(
    name="07_blank_total", agency="某县教育局", kind="dept", fmt=2021,
    t2=dict(规章=[0, 0, 0], 行政规范性文件=[1, 0, 6], 行政许可=[86],
            行政处罚=[2], 行政强制=[0], 行政事业性收费=["0"]),
    t3=make_t3(2021, {
        "r1": [14, 1, 0, 0, 0, 0], "r2": [2, 0, 0, 0, 0, 0],
        "r3_6": [1, 0, 0, 0, 0, 0],
        "r4_1": [5, 0, 0, 0, 0, 0], "r4_2": [1, 0, 0, 0, 0, 0],
        "r5_1": [2, 0, 0, 0, 0, 0], "r5_2": [1, 0, 0, 0, 0, 0],
        "r6_3": [1, 0, 0, 0, 0, 0]},
        carry=[1, 0, 0, 0, 0, 0], nxt=[0, 0, 0, 0, 0, 0]),
    t4=make_t4([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]),
    active=("在县人民政府门户网站本局信息公开专栏主动公开政府信息538条，其中"
            "义务教育招生入学政策、学区划分等信息64条，学生资助政策和资助名单"
            "信息87条，民办学校审批和年检结果信息23条；通过“某县教育”"
            "微信公众号发布信息416条。"),
    # （七）总计 row, 总计 column: blank where 28 belongs.
    seeds=[("三", "total", 6, "", "28")],
)

example(
    name="08_prose_mismatch", agency="某县卫生健康委员会", kind="dept",
    fmt=2021,
    t2=dict(规章=[0, 0, 0], 行政规范性文件=[2, 0, 11], 行政许可=[1245],
            行政处罚=[168], 行政强制=[5], 行政事业性收费=["3.62"]),
    t3=make_t3(2021, {
        "r1": [24, 2, 0, 0, 1, 0], "r2": [3, 0, 0, 0, 0, 0],
        "r3_4": [1, 0, 0, 0, 0, 0], "r3_6": [1, 0, 0, 0, 0, 0],
        "r4_1": [7, 1, 0, 0, 0, 0], "r4_2": [1, 0, 0, 0, 0, 0],
        "r5_1": [3, 0, 0, 0, 0, 0], "r5_2": [1, 0, 0, 0, 0, 0],
        "r6_1": [1, 0, 0, 0, 0, 0]},
        carry=[2, 0, 0, 0, 0, 0], nxt=[3, 0, 0, 0, 0, 0]),
    t4=make_t4([1, 0, 0, 1], [0, 0, 0, 0], [0, 0, 0, 0]),
    active=("在县人民政府门户网站本委信息公开专栏主动公开政府信息724条，其中"
            "医疗机构和医师执业许可信息318条，卫生监督“双随机、一公开”抽查"
            "结果21条，传染病防控和健康科普信息146条；通过“健康某县”"
            "微信公众号发布信息532条。"),
    # the prose says 新收 45; table 三 一、本年新收 总计 says 47.
    prose_new="45",
    seeds=[("文", "新收", None, "45", "47")],
)

example(
    name="09_format_2019", agency="某区人民政府办公室", kind="gov", fmt=2019,
    t2=dict(规章=[0, 0, 0], 规范性文件=[4, 4, 31],
            行政许可=[215, -2, 1863], 其他对外管理服务事项=[86, 3, 542],
            行政处罚=[1240, 12], 行政强制=[36, 0],
            行政事业性收费=[6, 0, "18.76"], 政府集中采购=[12, "356.80"]),
    t3=make_t3(2019, {
        "r1": [16, 2, 0, 0, 1, 0], "r2": [2, 0, 0, 0, 0, 0],
        "r3_6": [1, 0, 0, 0, 0, 0], "r3_8": [1, 0, 0, 0, 0, 0],
        "r4_1": [6, 1, 0, 0, 0, 0], "r4_2": [1, 0, 0, 0, 0, 0],
        "r5_1": [2, 0, 0, 0, 0, 0], "r5_2": [1, 0, 0, 0, 0, 0],
        "r6": [1, 0, 0, 0, 0, 0]},
        carry=[1, 0, 0, 0, 0, 0], nxt=[2, 0, 0, 0, 0, 0]),
    t4=make_t4([2, 0, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]),
    active=("通过区人民政府门户网站主动公开政府信息1583条，其中政策文件74件、"
            "政策解读31篇，发布财政预决算、重大建设项目批准和实施、社会公益"
            "事业建设等重点领域信息402条；通过政务新媒体发布信息1265条。"),
    # （六）其他处理: 自然人 1 → 2 and 总计 1 → 2 (the row still sums).
    seeds=[("三", "r6", 0, "2", "1"), ("三", "r6", 6, "2", "1")],
)

# ------------------------------------------------------------ derivation --


def finish(ex):
    """Fills year, dates, table 二 in order, applies the seeds."""
    fmt = ex["fmt"]
    ex["year"] = 2024 if fmt == 2021 else 2019
    y = ex["year"]
    if ex["kind"] == "gov":
        ex["date"] = "%d年3月10日" % (y + 1) if fmt == 2021 else "%d年3月16日" % (y + 1)
        ex["pubdate"] = "%d-03-10" % (y + 1) if fmt == 2021 else "%d-03-16" % (y + 1)
    else:
        ex["date"] = "%d年1月20日" % (y + 1)
        ex["pubdate"] = "%d-01-20" % (y + 1)
    layout = T2_2021 if fmt == 2021 else T2_2019
    t2 = {k: [str(x) for x in v] for k, v in ex["t2"].items()}
    for _, heads, rows in layout:
        for r in rows:
            assert len(t2[r]) == len(heads), (ex["name"], r)
    ex["t2"] = t2
    ex["t2_layout"] = layout
    t3 = ex["t3"]
    t4 = ex["t4"]
    consistent_t3 = {k: list(v) for k, v in t3.items()}
    consistent_t4 = list(t4)
    for table, row, col, written, right in ex["seeds"]:
        if table == "三":
            assert t3[row][col] == right, (ex["name"], row, col)
            t3[row][col] = written
        elif table == "四":
            idx = row * 5 + col
            assert t4[idx] == right
            t4[idx] = written
        elif table == "二":
            assert t2[row][col] == right
            t2[row][col] = written
    # prose figures: as the tables say (the seeded tables for 02, 03, 05),
    # except 办结 when its cell is blank, and the seeded 新收 of 08.
    ex["q_new"] = ex.get("prose_new", t3["new"][6])
    ex["q_carry"] = t3["carry"][6]
    ex["q_done"] = t3["total"][6] or consistent_t3["total"][6]
    ex["q_open"] = t3["r1"][6]
    ex["q_next"] = t3["next"][6]
    ex["q_review"] = t4[4]
    ex["q_suit"] = str(num(t4[9]) + num(t4[14]))
    check_identities(ex, consistent_t3, consistent_t4)


def check_identities(ex, t3, t4):
    """The data before seeding must satisfy every identity."""
    keys = result_keys(ex["fmt"])
    for k, v in t3.items():
        assert sum(int(x) for x in v[:6]) == int(v[6]), (ex["name"], k)
    for c in range(7):
        col = {k: int(v[c]) for k, v in t3.items()}
        assert col["new"] + col["carry"] == col["total"] + col["next"]
        assert sum(col[k] for k in keys) == col["total"]
    for g in range(3):
        v = [int(x) for x in t4[g * 5:g * 5 + 5]]
        assert sum(v[:4]) == v[4]


for _ex in EXAMPLES:
    finish(_ex)

# ----------------------------------------------------------------- prose --


def region(ex):
    return ex["agency"][:2]          # 某县 / 某市 / 某区


def self_name(ex):
    a = ex["agency"]
    if a.endswith("办公室"):
        return "本办"
    if a.endswith("委员会"):
        return "本委"
    return "本局"


def prose(ex):
    """The report's text blocks in order: ('title'|'p'|'h'|'table'|'sign', x)."""
    y = ex["year"]
    a = ex["agency"]
    r = region(ex)
    me = self_name(ex)
    gov = ex["kind"] == "gov"
    blocks = [("title", "%s%d年政府信息公开工作年度报告" % (a, y))]

    if ex["fmt"] == 2021:
        opening = NOTICE_2021
    else:
        opening = NOTICE_2019
    opening += ("本报告中所列数据的统计期限自%d年1月1日起至%d年12月31日止。"
                % (y, y))
    opening += ("本报告全文在%s人民政府门户网站“政府信息公开”专栏公布，欢迎查阅"
                "或下载。如对本报告有疑问，请与%s政务公开工作机构联系。"
                % (r, a))
    blocks.append(("p", opening))

    blocks.append(("h", HEADINGS[0]))
    if gov:
        lead = ("%d年，%s在%s委、%s政府的领导下，坚持以公开为常态、不公开为例外，"
                "紧扣中心工作和群众关切推进政府信息公开工作。"
                % (y, a, r[1], r[1]))
    else:
        lead = ("%d年，%s认真贯彻落实《条例》和上级政务公开工作部署，"
                "围绕部门职责推进决策、执行、管理、服务、结果公开。" % (y, a))
    if ex["fmt"] == 2019:
        lead += ("2019年5月15日新修订的《条例》施行后，%s及时组织学习，"
                 "按照新《条例》要求调整完善主动公开和依申请公开工作。" % me)
    blocks.append(("p", "（一）主动公开。" + lead + "全年" + ex["active"]))

    apply_ = ("（二）依申请公开。全年共新收政府信息公开申请%s件，上年结转%s件，"
              "办结%s件，其中予以公开%s件，结转下年度继续办理%s件。"
              % (ex["q_new"], ex["q_carry"], ex["q_done"], ex["q_open"],
                 ex["q_next"]))
    apply_ += ("申请均按照《条例》规定的期限和程序登记、审核、答复，"
               "对不予公开和无法提供的逐项说明理由和依据，并告知救济途径。")
    apply_ += ("全年发生政府信息公开行政复议案件%s件，行政诉讼案件%s件。"
               % (ex["q_review"], ex["q_suit"]))
    blocks.append(("p", apply_))

    manage = ("（三）政府信息管理和平台建设。严格落实公文公开属性源头认定机制，"
              "拟制公文时同步明确公开属性；坚持先审查后公开，对拟公开信息开展"
              "保密审查和个人信息保护审查，全年未发生泄密或泄露个人隐私事件。")
    if gov:
        manage += ("对%s政府及%s政府办公室文件开展集中清理，在门户网站设置行政规范性"
                   "文件专栏集中公开并动态更新；优化政府信息公开专栏栏目设置，"
                   "及时更新政府信息公开指南。" % (r[1], r[1]))
    else:
        manage += ("对本部门行政规范性文件开展清理，及时标注失效、废止情况；"
                   "按照%s人民政府门户网站集约化建设要求，规范维护本部门信息公开"
                   "专栏，及时更新政府信息公开指南和主动公开目录。" % r)
    blocks.append(("p", manage))

    blocks.append(("p", "（四）监督保障。将政府信息公开工作纳入年度绩效考核，"
                   "明确分管领导和专职工作人员；全年组织政务公开业务培训2次，"
                   "按季度开展网站和政务新媒体自查，发现问题即知即改。"
                   "全年未发生因政府信息公开工作被责任追究的情况。"))

    blocks.append(("h", HEADINGS[1]))
    blocks.append(("table", "二"))
    blocks.append(("h", HEADINGS[2]))
    blocks.append(("table", "三"))
    blocks.append(("h", HEADINGS[3]))
    blocks.append(("table", "四"))

    blocks.append(("h", HEADINGS[4]))
    blocks.append(("p", "（一）存在的主要问题。%d年，%s政府信息公开工作取得一定"
                   "成效，但对照上级要求和群众期盼仍有差距：一是部分栏目信息更新"
                   "不够及时，个别栏目存在内容更新滞后的情况；二是政策解读形式较为"
                   "单一，图解、音视频等解读方式运用不够；三是依申请公开答复文书的"
                   "规范性有待进一步提高。" % (y, me)))
    blocks.append(("p", "（二）改进情况。针对上一年度报告中指出的主动公开内容"
                   "不够全面、依申请公开办理流程不够规范等问题，%s已逐项整改："
                   "梳理完善主动公开基本目录，修订依申请公开办理工作规程，统一"
                   "答复文书格式。下一步，%s将建立栏目更新提醒和定期巡检机制，"
                   "丰富政策解读形式，加强工作人员业务培训，不断提升政府信息公开"
                   "工作质量。" % (me, me)))

    blocks.append(("h", HEADINGS[5]))
    if ex["fmt"] == 2021:
        other = ("依据《政府信息公开信息处理费管理办法》收取信息处理费的情况："
                 "本年度未收取信息处理费。")
    else:
        other = "本年度未收取政府信息公开相关费用。"
    if gov:
        other += ("%s政府系统承办的人大代表建议和政协提案办理复文均已按规定"
                  "公开。本年度无其他需要报告的事项。" % r)
    else:
        other += "本年度无其他需要报告的事项。"
    blocks.append(("p", other))
    blocks.append(("sign", a))
    blocks.append(("sign", ex["date"]))
    return blocks


# ------------------------------------------------------------------ HTML --


def td(text, colspan=1, rowspan=1, width=None, align="center"):
    attrs = ""
    if colspan > 1:
        attrs += ' colspan="%d"' % colspan
    if rowspan > 1:
        attrs += ' rowspan="%d"' % rowspan
    if width:
        attrs += ' width="%d"' % width
    if align != "left":
        attrs += ' align="%s"' % align
    body = html.escape(text, quote=False)
    return "<td%s>%s</td>" % (attrs, body)


TABLE_OPEN = ('<table border="1" cellspacing="0" cellpadding="0" width="100%"'
              ' style="border-collapse:collapse;">')


def html_t2(ex):
    out = [TABLE_OPEN]
    ncols = 4
    widths = [160, 150, 150, 150]
    first = True
    for art, heads, rows in ex["t2_layout"]:
        out.append("<tr>%s</tr>" % td(art, colspan=ncols,
                                      width=sum(widths) if first else None))
        first = False
        spans = [1] * len(heads)
        spans[-1] += (ncols - 1) - len(heads)
        cells = [td("信息内容", width=widths[0])]
        for h, s in zip(heads, spans):
            cells.append(td(h, colspan=s))
        out.append("<tr>%s</tr>" % "".join(cells))
        for r in rows:
            cells = [td(r, align="left")]
            for v, s in zip(ex["t2"][r], spans):
                cells.append(td(v, colspan=s))
            out.append("<tr>%s</tr>" % "".join(cells))
    out.append("</table>")
    return "\n".join(out)


def html_t3(ex):
    t3 = ex["t3"]
    out = [TABLE_OPEN]
    out.append("<tr>%s%s</tr>" % (td(T3_NOTE, colspan=3, rowspan=3, width=300),
                                  td("申请人情况", colspan=7)))
    out.append("<tr>%s%s%s</tr>" % (td("自然人", rowspan=2, width=50),
                                    td("法人或其他组织", colspan=5),
                                    td("总计", rowspan=2, width=50)))
    out.append("<tr>%s</tr>" % "".join(td(h, width=50) for h in T3_COLS[1:6]))
    for key, labels in t3_rows(ex["fmt"]):
        cells = [td(t, colspan=c, rowspan=rs, align="left")
                 for t, _, c, rs in labels]
        cells += [td(v) for v in t3[key]]
        out.append("<tr>%s</tr>" % "".join(cells))
    out.append("</table>")
    return "\n".join(out)


def html_t4(ex):
    out = [TABLE_OPEN]
    out.append("<tr>%s%s</tr>" % (td("行政复议", colspan=5, rowspan=2),
                                  td("行政诉讼", colspan=10)))
    out.append("<tr>%s%s</tr>" % (td("未经复议直接起诉", colspan=5),
                                  td("复议后起诉", colspan=5)))
    out.append("<tr>%s</tr>" % "".join(td(h, width=40) for h in T4_LEAVES * 3))
    out.append("<tr>%s</tr>" % "".join(td(v) for v in ex["t4"]))
    out.append("</table>")
    return "\n".join(out)


def html_report(ex):
    """The report's markup (the article body, title included)."""
    out = []
    for kind, x in prose(ex):
        if kind == "title":
            out.append('<h1 class="article-title" style="text-align:center;">'
                       '%s</h1>' % html.escape(x, quote=False))
        elif kind == "p":
            out.append('<p style="text-indent:2em;">%s</p>'
                       % html.escape(x, quote=False))
        elif kind == "h":
            out.append("<p><strong>%s</strong></p>" % html.escape(x, quote=False))
        elif kind == "table":
            out.append({"二": html_t2, "三": html_t3, "四": html_t4}[x](ex))
        elif kind == "sign":
            out.append('<p style="text-align:right;">%s</p>'
                       % html.escape(x, quote=False))
    return "\n".join(out)


CSS = """body{margin:0;font-family:"Microsoft YaHei","SimSun",sans-serif;font-size:14px;color:#333;background:#f5f5f5;}
.header{background:#b5121b;color:#fff;padding:18px 0;}
.header .site{width:1100px;margin:0 auto;font-size:28px;font-weight:bold;letter-spacing:2px;}
.nav{background:#8f0d14;}
.nav ul{width:1100px;margin:0 auto;padding:0;list-style:none;overflow:hidden;}
.nav li{float:left;}
.nav a{display:block;padding:10px 24px;color:#fff;text-decoration:none;font-size:16px;}
.crumb{width:1100px;margin:12px auto;color:#666;}
.crumb a{color:#666;text-decoration:none;}
.main{width:1060px;margin:0 auto 20px;background:#fff;padding:20px;}
.article-title{font-size:22px;color:#b5121b;text-align:center;margin:10px 0;}
.article-info{text-align:center;color:#888;border-bottom:1px solid #ddd;padding-bottom:10px;margin-bottom:16px;}
.article-info span{margin:0 10px;}
.article-content{font-size:16px;line-height:2;}
.article-content table{margin:10px auto;font-size:14px;line-height:1.5;}
.article-content td{border:1px solid #000;padding:2px 4px;}
.tools{text-align:right;color:#888;margin-top:20px;}
.footer{background:#333;color:#ccc;text-align:center;padding:16px 0;line-height:2;font-size:12px;}"""


def html_page(ex):
    r = region(ex)
    site = r + "人民政府"
    title = "%s%d年政府信息公开工作年度报告" % (ex["agency"], ex["year"])
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        "<title>%s_%s</title>" % (title, site),
        '<meta name="ArticleTitle" content="%s">' % title,
        '<meta name="PubDate" content="%s 09:30">' % ex["pubdate"],
        '<meta name="ContentSource" content="%s">' % ex["agency"],
        "<style>\n%s\n</style>" % CSS,
        "</head>",
        "<body>",
        '<div class="header"><div class="site">%s</div></div>' % site,
        '<div class="nav"><ul>'
        '<li><a href="/">首页</a></li>'
        '<li><a href="/zwgk/">政务公开</a></li>'
        '<li><a href="/zwfw/">政务服务</a></li>'
        '<li><a href="/hdjl/">互动交流</a></li>'
        '<li><a href="/zj/">走进%s</a></li>'
        "</ul></div>" % r[1],
        '<div class="crumb">当前位置：<a href="/">首页</a> &gt; '
        '<a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zfxxgk/">政府信息公开</a>'
        ' &gt; <a href="/zwgk/zfxxgk/ndbg/">政府信息公开年报</a></div>',
        '<div class="main">',
        "<article>",
        '<div class="article-info"><span>发布时间：%s 09:30</span>'
        "<span>来源：%s</span><span>浏览次数：</span>"
        "<span>字号：【大 中 小】</span></div>" % (ex["pubdate"], ex["agency"]),
        '<div class="article-content">',
        html_report(ex),
        "</div>",
        "</article>",
        '<div class="tools">【打印本页】 【关闭窗口】</div>',
        "</div>",
        '<div class="footer">主办：%s　承办：%s大数据中心<br>'
        "网站标识码：0000000000　备案号：某ICP备00000000号<br>"
        "建议使用1366×768分辨率浏览本网站</div>" % (site, r),
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


def html_bare(ex):
    """The report alone, as LibreOffice should import it for the .docx."""
    title = "%s%d年政府信息公开工作年度报告" % (ex["agency"], ex["year"])
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        "<title>%s</title>" % title,
        "<style>td{border:1px solid #000;padding:2px 4px;}</style>",
        "</head>",
        "<body>",
        html_report(ex),
        "</body>",
        "</html>",
        "",
    ])


# ------------------------------------------------------------------- TXT --


def dw(s):
    """Display width: East Asian wide, full-width and ambiguous count 2."""
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in s)


class Line:
    """A line built left to right; every cell at least GAP after the last."""

    def __init__(self):
        self.s = ""
        self.w = 0

    def at(self, col, text):
        assert self.w == 0 or col >= self.w + 2, (self.s, col, text)
        self.s += " " * (col - self.w) + text
        self.w = col + dw(text)
        return self

    def right(self, end, text):
        """text ending at display column end (blank text: nothing)."""
        if text:
            self.at(end - dw(text), text)
        return self

    def centre(self, start, end, text):
        return self.at(start + (end - start - dw(text)) // 2, text)


GAP = 4  # spaces between data columns


def ends_for(start, widths):
    ends = []
    e = start - GAP
    for w in widths:
        e += GAP + w
        ends.append(e)
    return ends


def txt_t2(ex):
    layout = ex["t2_layout"]
    lab_w = max(dw(r) for _, _, rows in layout for r in rows + ["信息内容"])
    widths = [0, 0, 0]
    for _, heads, rows in layout:
        for i, h in enumerate(heads):
            widths[i] = max(widths[i], dw(h),
                            *(len(ex["t2"][r][i]) for r in rows))
    ends = ends_for(lab_w + GAP, widths)
    lines = []
    for art, heads, rows in layout:
        lines.append(Line().at(0, art).s)
        ln = Line().at(0, "信息内容")
        for i, h in enumerate(heads):
            ln.right(ends[i], h)
        lines.append(ln.s)
        for r in rows:
            ln = Line().at(0, r)
            for i, v in enumerate(ex["t2"][r]):
                ln.right(ends[i], v)
            lines.append(ln.s)
    return lines


def txt_t3(ex):
    rows = t3_rows(ex["fmt"])
    starts = [0]
    starts.append(dw("三、本年度办理结果") + 2)
    sub_heads = [t for _, cells in rows for t, lvl, c, rs in cells
                 if lvl == 1 and rs > 1]
    starts.append(starts[1] + max(dw(t) for t in sub_heads) + 2)
    label_end = max(starts[cells[-1][1]] + dw(cells[-1][0])
                    for _, cells in rows)
    label_end = max(label_end, dw(T3_NOTE))
    t3 = ex["t3"]
    widths = [max(dw(h), *(len(t3[k][i]) for k, _ in rows))
              for i, h in enumerate(T3_COLS)]
    ends = ends_for(label_end + GAP, widths)
    first = ends[0] - widths[0]
    lines = [Line().at(0, T3_NOTE).centre(first, ends[6], "申请人情况").s,
             Line().centre(ends[0] + GAP, ends[5], "法人或其他组织").s]
    ln = Line()
    for e, h in zip(ends, T3_COLS):
        ln.right(e, h)
    lines.append(ln.s)
    for key, cells in rows:
        ln = Line()
        for t, lvl, _, _ in cells:
            ln.at(starts[lvl], t)
        for e, v in zip(ends, t3[key]):
            ln.right(e, v)
        # a blank last cell: the line keeps the blank cell's spaces
        lines.append(ln.s + " " * (ends[6] - ln.w))
    return lines


def txt_t4(ex):
    widths = [max(dw(h), len(v)) for h, v in zip(T4_LEAVES * 3, ex["t4"])]
    ends = ends_for(0, widths)
    starts = [e - w for e, w in zip(ends, widths)]
    lines = [Line().centre(0, ends[4], "行政复议")
             .centre(starts[5], ends[14], "行政诉讼").s,
             Line().centre(starts[5], ends[9], "未经复议直接起诉")
             .centre(starts[10], ends[14], "复议后起诉").s]
    ln = Line()
    for e, h in zip(ends, T4_LEAVES * 3):
        ln.right(e, h)
    lines.append(ln.s)
    ln = Line()
    for e, v in zip(ends, ex["t4"]):
        ln.right(e, v)
    lines.append(ln.s)
    return lines


def txt_report(ex):
    out = []
    for kind, x in prose(ex):
        if kind == "table":
            out += {"二": txt_t2, "三": txt_t3, "四": txt_t4}[x](ex)
        else:
            out.append(x)
        out.append("")
    while out and out[-1] == "":
        out.pop()
    # the signature's two lines belong together
    text = "\n".join(out) + "\n"
    return text.replace("%s\n\n%s\n" % (ex["agency"], ex["date"]),
                        "%s\n%s\n" % (ex["agency"], ex["date"]))


# ------------------------------------------------------------------ main --


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main(argv):
    docx_src = None
    if len(argv) == 3 and argv[1] == "--docx-src":
        docx_src = argv[2]
    elif len(argv) != 1:
        sys.stderr.write("usage: gen.py [--docx-src DIR]\n")
        return 2
    for ex in EXAMPLES:
        base = os.path.join(HERE, ex["name"])
        write(base + ".html", html_page(ex))
        write(base + ".txt", txt_report(ex))
        if docx_src:
            write(os.path.join(docx_src, ex["name"] + ".html"), html_bare(ex))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
