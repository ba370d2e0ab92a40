/* Unit tests for scan: Chinese numerals, numbers and their intervals,
 * quantities with units, approximations and labels, dates, inline
 * enumerations, sentences from seeds/ (normalised by hand), and hostile
 * inputs that must stay linear and free of undefined behaviour. */
#include "scan.h"
#include "cnnum.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#define TOL 1e-6

static void scan_text(doc *d, const char *text) {
  doc_init(d, text, strlen(text));
  doc_split_paragraphs(d);
  scan_run(d);
  ck_assert_int_eq(doc_check(d), 0);
}

static void assert_span(const doc *d, span s, const char *want) {
  ck_assert_uint_eq(s.len, strlen(want));
  ck_assert_msg(memcmp(d->text + s.off, want, s.len) == 0,
                "span \"%.*s\" is not \"%s\"", (int)s.len, d->text + s.off,
                want);
}

static void assert_interval(const doc_quantity *q, double value, double lo,
                            double hi) {
  ck_assert_double_eq_tol(q->value, value, TOL * (1 + value));
  ck_assert_double_eq_tol(q->lo, lo, TOL * (1 + lo));
  ck_assert_double_eq_tol(q->hi, hi, TOL * (1 + hi));
}

/* ---- Chinese numerals ---------------------------------------------------- */

static const struct {
  const char *text;
  double value;
  size_t len;
} cn_cases[] = {
    {"二〇二四", 2024, 12},
    {"二○二四", 2024, 12},
    {"二零二四", 2024, 12},
    {"一九九八", 1998, 12},
    {"十", 10, 3},
    {"十二", 12, 6},
    {"二十", 20, 6},
    {"三十二", 32, 9},
    {"一百零五", 105, 12},
    {"两千三百", 2300, 12},
    {"三万五千", 35000, 12},
    {"十万", 100000, 6},
    {"两万", 20000, 6},
    {"零", 0, 3},
    {"一", 1, 3},
    {"一是", 1, 3},
    {"三四个", 3, 3},
    {"十二三", 12, 6},
    {"二〇二五年", 2025, 12},
    {"三万亿", 3e12, 9},
    {"一亿三千万", 1.3e8, 15},
    {"万", 1e4, 3},
    {"", 0, 0},
    {"abc", 0, 0},
    {"统一", 0, 0},
};

START_TEST(test_cn_numeral) {
  double v = -1;
  size_t n = cnnum_read(cn_cases[_i].text, strlen(cn_cases[_i].text), &v);
  ck_assert_msg(n == cn_cases[_i].len, "%s: len %zu", cn_cases[_i].text, n);
  ck_assert_double_eq_tol(v, cn_cases[_i].value, TOL);
}
END_TEST

/* ---- numbers ------------------------------------------------------------- */

static const struct {
  const char *text;
  size_t len;
  double value, lo, hi;
  int decimals, chinese;
} num_cases[] = {
    {"12,077件", 6, 12077, 12077, 12077, 0, 0},
    {"279个", 3, 279, 279, 279, 0, 0},
    {"27.9%", 4, 27.9, 27.85, 27.95, 1, 0},
    {"1.2万", 6, 12000, 11500, 12500, 1, 0},
    {"22516万", 8, 225160000, 225155000, 225165000, 0, 0},
    {"100.92亿元", 9, 1.0092e10, 1.00915e10, 1.00925e10, 2, 0},
    {"3万亿", 7, 3e12, 2.5e12, 3.5e12, 0, 0},
    {"1,23", 1, 1, 1, 1, 0, 0},
    {"1,2345", 1, 1, 1, 1, 0, 0},
    {"1.0版", 3, 1, 0.95, 1.05, 1, 0},
    {"1.件", 1, 1, 1, 1, 0, 0},
    {"三十二个", 9, 32, 32, 32, 0, 1},
    {"三万", 6, 30000, 25000, 35000, 0, 1},
    {"x", 0, 0, 0, 0, 0, 0},
};

START_TEST(test_number) {
  doc_quantity q;
  memset(&q, 0, sizeof q);
  const char *t = num_cases[_i].text;
  size_t n = scan_number(t, strlen(t), 100, &q);
  ck_assert_msg(n == num_cases[_i].len, "%s: len %zu", t, n);
  if (!n)
    return;
  ck_assert_uint_eq(q.num.off, 100);
  ck_assert_uint_eq(q.num.len, n);
  ck_assert_int_eq(q.decimals, num_cases[_i].decimals);
  ck_assert_int_eq(q.chinese, num_cases[_i].chinese);
  assert_interval(&q, num_cases[_i].value, num_cases[_i].lo, num_cases[_i].hi);
}
END_TEST

START_TEST(test_number_huge) {
  /* 400 digits: the double overflows to infinity, which is fine; no UB. */
  char buf[1000];
  memset(buf, '9', 400);
  buf[400] = '.';
  memset(buf + 401, '5', 400);
  buf[801] = 0;
  doc_quantity q;
  memset(&q, 0, sizeof q);
  ck_assert_uint_eq(scan_number(buf, 801, 0, &q), 801);
  ck_assert(q.lo <= q.hi);
  ck_assert_int_eq(q.decimals, 400);
  memset(buf + 401, '0', 400);
  buf[400] = '0';
  ck_assert_uint_eq(scan_number(buf, 801, 0, &q), 801);
  ck_assert(q.lo <= q.hi);
}
END_TEST

/* ---- quantities ---------------------------------------------------------- */

static const struct {
  const char *text;
  const char *num, *unit, *all;
  doc_approx approx;
  double value, lo, hi;
} qty_cases[] = {
    {"开展近300节次", "300", "节次", "近300节次", APPROX_NEARLY, 300, 270, 300},
    {"培训30余名", "30", "名", "30余名", APPROX_ATLEAST, 30, 30, 40},
    {"受众1万余名", "1万", "名", "1万余名", APPROX_ATLEAST, 1e4, 1e4, 2e4},
    {"达4.1万余名", "4.1万", "名", "4.1万余名", APPROX_ATLEAST, 41000, 41000,
     42000},
    {"培训300余人", "300", "人", "300余人", APPROX_ATLEAST, 300, 300, 400},
    {"金额约22516万元", "22516万", "元", "约22516万元", APPROX_ABOUT, 225160000,
     0.9 * 225155000, 1.1 * 225165000},
    {"召开4余次", "4", "次", "4余次", APPROX_ATLEAST, 4, 4, 5},
    {"活动15余场次", "15", "场次", "15余场次", APPROX_ATLEAST, 15, 15, 16},
    {"挽回30余万元", "30", "万元", "30余万元", APPROX_ATLEAST, 3e5, 3e5, 4e5},
    {"村150多个", "150", "个", "150多个", APPROX_ATLEAST, 150, 150, 160},
    {"参加100人左右", "100", "人", "100人左右", APPROX_ABOUT, 100, 90, 110},
    {"达95%以上", "95", "%", "95%以上", APPROX_ATLEAST, 95, 95, 96},
    {"超过200家", "200", "家", "超过200家", APPROX_ATLEAST, 200, 200, 300},
    {"逾3000人次", "3000", "人次", "逾3000人次", APPROX_ATLEAST, 3000, 3000,
     4000},
    {"将近50件", "50", "件", "将近50件", APPROX_NEARLY, 50, 45, 50},
    {"受众数量近万人", "万", "人", "近万人", APPROX_NEARLY, 1e4, 9e3, 1e4},
    {"三十余家", "三十", "家", "三十余家", APPROX_ATLEAST, 30, 30, 40},
    {"节约3万元", "3万", "元", "3万元", APPROX_EXACT, 3e4, 25e3, 35e3},
    {"最近5次", "5", "次", "5次", APPROX_EXACT, 5, 5, 5},
    {"共1.2万人次", "1.2万", "人次", "1.2万人次", APPROX_EXACT, 12000, 11500,
     12500},
    {"共3人", "3", "人", "3人", APPROX_EXACT, 3, 3, 3},
    {"受理12,077件", "12,077", "件", "12,077件", APPROX_EXACT, 12077, 12077,
     12077},
    {"保持100%", "100", "%", "100%", APPROX_EXACT, 100, 100, 100},
    {"提高2个百分点", "2", "个百分点", "2个百分点", APPROX_EXACT, 2, 2, 2},
    {"历时3个月", "3", "个月", "3个月", APPROX_EXACT, 3, 3, 3},
    {"开展十二次", "十二", "次", "十二次", APPROX_EXACT, 12, 12, 12},
    {"有三十二个", "三十二", "个", "三十二个", APPROX_EXACT, 32, 32, 32},
    {"仅一人入选", "一", "人", "一人", APPROX_EXACT, 1, 1, 1},
    {"两个", "两", "个", "两个", APPROX_EXACT, 2, 2, 2},
};

START_TEST(test_quantity) {
  doc d;
  scan_text(&d, qty_cases[_i].text);
  ck_assert_msg(d.nqty == 1, "%s: %d quantities", qty_cases[_i].text, d.nqty);
  const doc_quantity *q = &d.qty[0];
  assert_span(&d, q->num, qty_cases[_i].num);
  assert_span(&d, q->unit, qty_cases[_i].unit);
  assert_span(&d, q->all, qty_cases[_i].all);
  ck_assert_int_eq(q->approx, qty_cases[_i].approx);
  assert_interval(q, qty_cases[_i].value, qty_cases[_i].lo, qty_cases[_i].hi);
  doc_release(&d);
}
END_TEST

/* Numbers that are not quantities: dates and years, ranks, versions,
 * document numbers, heading markers, bare numbers, and Chinese numerals
 * inside words. */
static const char *const no_qty_cases[] = {
    "2024年开展",       "2024年度",   "排名第3名",        "第一责任人",
    "清单1.0版",        "APP3.0上线", "苏府〔2019〕28号", "2021—2025年规划",
    "1.完成",           "（1）加强",  "受众1万",          "拨打12348热线",
    "统一思想",         "一些问题",   "进一步加强",       "之一",
    "一次性告知",       "汽车零件",   "千家万户",         "百姓",
    "万人空巷",         "十四五规划", "1—11月",           "截至10月",
    "梳理制定两批清单", "三四个",     "“综合查一次”",     "紧扣“两个确立”",
};

START_TEST(test_not_quantity) {
  doc d;
  scan_text(&d, no_qty_cases[_i]);
  ck_assert_msg(d.nqty == 0, "%s: %d quantities", no_qty_cases[_i], d.nqty);
  doc_release(&d);
}
END_TEST

START_TEST(test_labels) {
  doc d;
  scan_text(&d,
            "累计梳理收集各类问题案件线索数279个，落实整改已梳理问题数6类。");
  ck_assert_int_eq(d.nqty, 2);
  ck_assert_uint_eq(d.qty[0].num.off, 45);
  ck_assert_uint_eq(d.qty[0].label.off, 0);
  assert_span(&d, d.qty[0].label, "累计梳理收集各类问题案件线索数");
  assert_span(&d, d.qty[1].label, "落实整改已梳理问题数");
  ck_assert_uint_eq(d.qty[1].label.off, 54);
  doc_release(&d);

  /* The label stops at the previous quantity, a date, a year, and after
   * LABEL_MAX code points; approximation words are not part of it. */
  scan_text(&d, "2024年开展领导干部专题学法9次和培训约3场");
  ck_assert_int_eq(d.nqty, 2);
  assert_span(&d, d.qty[0].label, "开展领导干部专题学法");
  assert_span(&d, d.qty[1].label, "和培训");
  doc_release(&d);
  scan_text(&d, "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉"
                "戌亥5件");
  ck_assert_int_eq(d.nqty, 1);
  ck_assert_uint_eq(d.qty[0].label.len, 30 * 3);
  doc_release(&d);
  scan_text(&d, "合同、4份复函");
  ck_assert_int_eq(d.nqty, 1);
  ck_assert_uint_eq(d.qty[0].label.len, 0);
  ck_assert_uint_eq(d.qty[0].label.off, 9);
  doc_release(&d);
}
END_TEST

/* ---- seeds ----------------------------------------------------------------
 * Sentences from seeds/004 normalised by hand. */

START_TEST(test_seed_review) {
  doc d;
  scan_text(&d,
            "开展法治审核14次，有效确保了7份合同、4份复函和3起农民工权益保护"
            "的合规性。");
  ck_assert_int_eq(d.nqty, 4);
  static const struct {
    size_t off, len;
    const char *unit;
    double value;
  } want[] = {
      {18, 5, "次", 14}, {41, 4, "份", 7}, {54, 4, "份", 4}, {67, 4, "起", 3}};
  for (int k = 0; k < 4; k++) {
    const doc_quantity *q = &d.qty[k];
    ck_assert_uint_eq(q->all.off, want[k].off);
    ck_assert_uint_eq(q->all.len, want[k].len);
    ck_assert_uint_eq(q->num.off, want[k].off);
    assert_span(&d, q->unit, want[k].unit);
    assert_interval(q, want[k].value, want[k].value, want[k].value);
    ck_assert_int_eq(q->approx, APPROX_EXACT);
    ck_assert_int_eq(q->para, 0);
  }
  assert_span(&d, d.qty[0].label, "开展法治审核");
  assert_span(&d, d.qty[1].label, "有效确保了");
  ck_assert_uint_eq(d.qty[1].label.off, 26);
  assert_span(&d, d.qty[3].label, "复函和");
  ck_assert_uint_eq(d.qty[3].label.off, 58);
  ck_assert_int_eq(d.ndate, 0);
  ck_assert_int_eq(d.nenum, 0);
  doc_release(&d);
}
END_TEST

static const char mediation[] =
    "截至10月底，我区各级各类人民调解组织调处成功各类矛盾纠纷20742"
    "件，协议涉及金额约22516万元。其中街道（包括公调室）矛盾纠纷数量"
    "占比达27.9%，社区矛盾纠纷数量占比39.2%";

START_TEST(test_seed_mediation_rates) {
  doc d;
  scan_text(&d, mediation);
  ck_assert_int_eq(d.nqty, 4);
  const doc_quantity *q = d.qty;
  ck_assert_uint_eq(q[2].all.off, 189);
  ck_assert_uint_eq(q[2].all.len, 5);
  ck_assert_uint_eq(q[2].unit.off, 193);
  ck_assert_int_eq(q[2].decimals, 1);
  assert_interval(&q[2], 27.9, 27.85, 27.95);
  assert_span(&d, q[2].label, "矛盾纠纷数量占比达");
  ck_assert_uint_eq(q[2].label.off, 162);

  ck_assert_uint_eq(q[3].all.off, 227);
  ck_assert_uint_eq(q[3].all.len, 5);
  assert_interval(&q[3], 39.2, 39.15, 39.25);
  assert_span(&d, q[3].label, "社区矛盾纠纷数量占比");
  ck_assert_uint_eq(q[3].label.off, 197);
  doc_release(&d);
}
END_TEST

START_TEST(test_seed_mediation) {
  doc d;
  scan_text(&d, mediation);
  ck_assert_int_eq(d.ndate, 1);
  ck_assert_uint_eq(d.dates[0].s.off, 6);
  ck_assert_uint_eq(d.dates[0].s.len, 8);
  ck_assert_int_eq(d.dates[0].year, 0);
  ck_assert_int_eq(d.dates[0].month, 10);
  ck_assert_int_eq(d.dates[0].day, 31);
  ck_assert_int_eq(d.nqty, 4);
  const doc_quantity *q = d.qty;
  ck_assert_uint_eq(q[0].all.off, 83);
  ck_assert_uint_eq(q[0].all.len, 8);
  assert_span(&d, q[0].unit, "件");
  assert_span(&d, q[0].label, "我区各级各类人民调解组织调处成功各类矛盾纠纷");
  ck_assert_uint_eq(q[0].label.off, 17);
  assert_interval(&q[0], 20742, 20742, 20742);

  ck_assert_uint_eq(q[1].all.off, 112);
  ck_assert_uint_eq(q[1].all.len, 14);
  ck_assert_uint_eq(q[1].num.off, 115);
  ck_assert_uint_eq(q[1].num.len, 8);
  ck_assert_uint_eq(q[1].unit.off, 123);
  ck_assert_uint_eq(q[1].unit.len, 3);
  ck_assert_int_eq(q[1].approx, APPROX_ABOUT);
  assert_span(&d, q[1].label, "协议涉及金额");
  ck_assert_uint_eq(q[1].label.off, 94);
  assert_interval(&q[1], 225160000, 0.9 * 225155000, 1.1 * 225165000);
  doc_release(&d);
}
END_TEST

START_TEST(test_seed_paragraphs) {
  doc d;
  scan_text(&d, "姑苏区司法局2024年度\n法治政府建设工作报告\n"
                "为13个村（社区）配备了84名“法律明白人”。\n"
                "扎实开展宣传活动15场次，受众数量近万人。\n"
                "香山街道\n2025年1月7日\n");
  ck_assert_int_eq(d.nqty, 4);
  ck_assert_int_eq(d.qty[0].para, 2);
  assert_span(&d, d.qty[0].all, "13个");
  assert_span(&d, d.qty[1].all, "84名");
  assert_span(&d, d.qty[1].label, "配备了");
  assert_span(&d, d.qty[2].all, "15场次");
  ck_assert_int_eq(d.qty[3].para, 3);
  assert_span(&d, d.qty[3].all, "近万人");
  assert_span(&d, d.qty[3].label, "受众数量");
  ck_assert_int_eq(d.ndate, 1);
  ck_assert_int_eq(d.dates[0].para, 5);
  assert_span(&d, d.dates[0].s, "2025年1月7日");
  ck_assert_uint_eq(d.dates[0].s.off, strlen(d.text) - 1 - 15);
  ck_assert_int_eq(d.dates[0].year, 2025);
  ck_assert_int_eq(d.dates[0].month, 1);
  ck_assert_int_eq(d.dates[0].day, 7);
  doc_release(&d);
}
END_TEST

/* ---- dates --------------------------------------------------------------- */

static const struct {
  const char *text, *date;
  int year, month, day, chinese;
} date_cases[] = {
    {"于2025年1月7日印发", "2025年1月7日", 2025, 1, 7, 0},
    {"2024年10月以来", "2024年10月", 2024, 10, 0, 0},
    {"自5月1日起", "5月1日", 0, 5, 1, 0},
    {"2024年12月31日", "2024年12月31日", 2024, 12, 31, 0},
    {"1月7号", "1月7号", 0, 1, 7, 0},
    {"二〇二五年一月七日", "二〇二五年一月七日", 2025, 1, 7, 1},
    {"二○二五年一月七日", "二○二五年一月七日", 2025, 1, 7, 1},
    {"二〇二四年十二月三十一日", "二〇二四年十二月三十一日", 2024, 12, 31, 1},
    {"二〇二四年十月", "二〇二四年十月", 2024, 10, 0, 1},
    {"十月一日", "十月一日", 0, 10, 1, 1},
    {"于2024.1.7召开", "2024.1.7", 2024, 1, 7, 0},
    {"2024-01-07", "2024-01-07", 2024, 1, 7, 0},
    {"2024/1/7", "2024/1/7", 2024, 1, 7, 0},
    {"截至10月底", "10月底", 0, 10, 31, 0},
    {"截至11月末", "11月末", 0, 11, 30, 0},
    {"2024年2月底", "2024年2月底", 2024, 2, 29, 0},
    {"2023年2月底", "2023年2月底", 2023, 2, 28, 0},
    {"2024年2月29日", "2024年2月29日", 2024, 2, 29, 0},
};

START_TEST(test_date) {
  doc d;
  scan_text(&d, date_cases[_i].text);
  ck_assert_msg(d.ndate == 1, "%s: %d dates", date_cases[_i].text, d.ndate);
  const doc_date *t = &d.dates[0];
  assert_span(&d, t->s, date_cases[_i].date);
  ck_assert_uint_eq(t->s.off,
                    (size_t)(strstr(date_cases[_i].text, date_cases[_i].date) -
                             date_cases[_i].text));
  ck_assert_int_eq(t->year, date_cases[_i].year);
  ck_assert_int_eq(t->month, date_cases[_i].month);
  ck_assert_int_eq(t->day, date_cases[_i].day);
  ck_assert_int_eq(t->chinese, date_cases[_i].chinese);
  ck_assert_int_eq(d.nqty, 0);
  doc_release(&d);
}
END_TEST

static const char *const no_date_cases[] = {
    "2024年2月30日",
    "2024年13月45日",
    "2023年2月29日",
    "2024年",
    "2024年度",
    "1—11月",
    "2024.13.1",
    "2024.5",
    "2024-1-32",
    "二〇二五年十三月",
    "二〇二五年二月三十日",
    "0月1日",
    "12345月1日",
    "2024.1.",
    "一月",
};

START_TEST(test_not_date) {
  doc d;
  scan_text(&d, no_date_cases[_i]);
  ck_assert_msg(d.ndate == 0, "%s: %d dates", no_date_cases[_i], d.ndate);
  doc_release(&d);
}
END_TEST

/* ---- enumerations -------------------------------------------------------- */

START_TEST(test_enum_shi) {
  doc d;
  scan_text(&d, "一是强化机制。二是健全体系；十一是聚焦任务，统一是关键，"
                "唯一是底线");
  ck_assert_int_eq(d.nenum, 3);
  static const struct {
    size_t off, len;
    int number;
  } want[] = {{0, 6, 1}, {21, 6, 2}, {42, 9, 11}};
  for (int k = 0; k < 3; k++) {
    ck_assert_uint_eq(d.enums[k].marker.off, want[k].off);
    ck_assert_uint_eq(d.enums[k].marker.len, want[k].len);
    ck_assert_int_eq(d.enums[k].number, want[k].number);
    ck_assert_int_eq(d.enums[k].style, ENUM_SHI);
  }
  doc_release(&d);
  scan_text(&d, "（一）一是加强。“二是”");
  ck_assert_int_eq(d.nenum, 1);
  ck_assert_uint_eq(d.enums[0].marker.off, 9);
  doc_release(&d);
}
END_TEST

START_TEST(test_enum_di_qi) {
  doc d;
  scan_text(&d,
            "第一，加强领导；第二、健全机制。压实第一责任人职责。第三：落实");
  ck_assert_int_eq(d.nenum, 3);
  assert_span(&d, d.enums[0].marker, "第一");
  assert_span(&d, d.enums[1].marker, "第二");
  assert_span(&d, d.enums[2].marker, "第三");
  ck_assert_int_eq(d.enums[1].number, 2);
  ck_assert_int_eq(d.enums[2].style, ENUM_DI);
  ck_assert_int_eq(d.nqty, 0);
  doc_release(&d);

  scan_text(&d, "第一责任人\n其一，完善制度；其二是强化监督。尤其一般");
  ck_assert_int_eq(d.nenum, 2);
  assert_span(&d, d.enums[0].marker, "其一");
  ck_assert_int_eq(d.enums[0].style, ENUM_QI);
  ck_assert_int_eq(d.enums[0].para, 1);
  assert_span(&d, d.enums[1].marker, "其二是");
  ck_assert_int_eq(d.enums[1].number, 2);
  doc_release(&d);
}
END_TEST

/* ---- hostile input ------------------------------------------------------- */

static char *repeat(const char *unit, size_t times) {
  size_t n = strlen(unit);
  char *s = malloc(n * times + 1);
  for (size_t k = 0; k < times; k++)
    memcpy(s + k * n, unit, n);
  s[n * times] = 0;
  return s;
}

START_TEST(test_pathological) {
  static const char *const units[] = {
      "9",    "1,",  "1.", "十一二", "亿",  "二〇", "一是", "第一",
      "其一", "1件", "近", "2024年", "1月", "万",   "\xff", "\xe4\xb8",
  };
  for (size_t k = 0; k < sizeof units / sizeof *units; k++) {
    char *s = repeat(units[k], 100000);
    doc d;
    scan_text(&d, s);
    doc_release(&d);
    free(s);
  }
  char *s = repeat("9", 1 << 20);
  doc d;
  scan_text(&d, s);
  ck_assert_int_eq(d.nqty, 0);
  doc_release(&d);
  s[(1 << 20) - 1] = '%';
  scan_text(&d, s);
  ck_assert_int_eq(d.nqty, 1);
  ck_assert(d.qty[0].lo <= d.qty[0].hi);
  doc_release(&d);
  free(s);
}
END_TEST

START_TEST(test_empty) {
  doc d;
  scan_text(&d, "");
  ck_assert_int_eq(d.nqty + d.ndate + d.nenum, 0);
  doc_release(&d);
  scan_text(&d, "\n\n5件\n");
  ck_assert_int_eq(d.nqty, 1);
  ck_assert_int_eq(d.qty[0].para, 2);
  doc_release(&d);
}
END_TEST

/* Declared with extern so that only the definition starts a line with
 * "Suite *", which the Makefile's runner list is generated from. */
extern Suite *scan_suite(void);

#define COUNT(a) (int)(sizeof(a) / sizeof *(a))

Suite *scan_suite(void) {
  Suite *s = suite_create("scan");
  TCase *tc = tcase_create("numbers");
  tcase_add_loop_test(tc, test_cn_numeral, 0, COUNT(cn_cases));
  tcase_add_loop_test(tc, test_number, 0, COUNT(num_cases));
  tcase_add_test(tc, test_number_huge);
  suite_add_tcase(s, tc);
  tc = tcase_create("quantities");
  tcase_add_loop_test(tc, test_quantity, 0, COUNT(qty_cases));
  tcase_add_loop_test(tc, test_not_quantity, 0, COUNT(no_qty_cases));
  tcase_add_test(tc, test_labels);
  suite_add_tcase(s, tc);
  tc = tcase_create("seeds");
  tcase_add_test(tc, test_seed_review);
  tcase_add_test(tc, test_seed_mediation);
  tcase_add_test(tc, test_seed_mediation_rates);
  tcase_add_test(tc, test_seed_paragraphs);
  suite_add_tcase(s, tc);
  tc = tcase_create("dates");
  tcase_add_loop_test(tc, test_date, 0, COUNT(date_cases));
  tcase_add_loop_test(tc, test_not_date, 0, COUNT(no_date_cases));
  suite_add_tcase(s, tc);
  tc = tcase_create("enums");
  tcase_add_test(tc, test_enum_shi);
  tcase_add_test(tc, test_enum_di_qi);
  suite_add_tcase(s, tc);
  tc = tcase_create("hostile");
  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, test_pathological);
  tcase_add_test(tc, test_empty);
  suite_add_tcase(s, tc);
  return s;
}
