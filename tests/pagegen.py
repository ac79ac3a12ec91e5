"""Synthetic page text for benchmarks: a daily's pages as its layout system would export them.

Every page has header lines, several articles with headline stacks (kickers, two-part
headlines, subtitles), bylines of every kind (□ lines with one label over several names,
unlabelled names, 文/摄, 本报讯 datelines) drawn from a roster of staff and correspondents with
new names mixed in, paragraphs broken at column breaks (mid-word, before quotes), subhead
series, photo captions with and without credits, and column labels. Text is
assembled from word pools by a seeded generator, so no fixed text repeats and the same seed
always gives the same pages.

    python -m tests.pagegen OUT_DIR --days 3 --pages 8 --seed 1
"""

import argparse
import datetime
import random
from pathlib import Path

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉玲建林志文斌宇浩凯晨雨欣怡佳琪子涵梓轩雅婷可馨昊阳一鸣卫星晓蕾"
PLACES = [
    "西湖街道",
    "湖塘镇",
    "牛塘镇",
    "洛阳镇",
    "遥观镇",
    "横林镇",
    "嘉泽镇",
    "雪堰镇",
    "前黄镇",
    "礼嘉镇",
    "南夏墅街道",
    "丁堰街道",
    "高新区",
    "西太湖",
    "滆湖",
    "太湖湾",
    "城东社区",
    "花园村",
    "新城家园",
    "龙城大道",
]
SUBJECTS = [
    "区科技局",
    "区教育局",
    "区卫健局",
    "区文旅局",
    "区住建局",
    "区市场监管局",
    "区人社局",
    "区民政局",
    "区交通局",
    "街道党工委",
    "镇政府",
    "社区居委会",
    "区总工会",
    "团区委",
    "区妇联",
    "区融媒体中心",
    "区税务局",
    "区消防救援大队",
    "区检察院",
    "区法院",
]
VERBS = [
    "推进",
    "落实",
    "开展",
    "深化",
    "实施",
    "启动",
    "完善",
    "提升",
    "打造",
    "优化",
    "加快",
    "聚焦",
    "强化",
    "探索",
    "建设",
    "助力",
    "服务",
    "保障",
    "拓展",
    "培育",
]
OBJECTS = [
    "科技创新",
    "乡村振兴",
    "营商环境",
    "民生实事",
    "养老服务",
    "托育服务",
    "文明实践",
    "理论宣讲",
    "生态保护",
    "城市更新",
    "产业升级",
    "数字经济",
    "安全生产",
    "基层治理",
    "志愿服务",
    "文化惠民",
    "就业创业",
    "食品安全",
    "河湖治理",
    "交通畅通",
    "智能制造",
    "新能源汽车",
    "合成生物",
    "人才引育",
    "全民阅读",
    "体育健身",
    "老旧小区改造",
    "垃圾分类",
    "校园安全",
    "医疗服务",
]
ADJECTIVES = [
    "高质量",
    "全方位",
    "多层次",
    "精准化",
    "常态化",
    "系统性",
    "创新型",
    "现代化",
    "智慧化",
    "便民化",
]
RESULTS = [
    "取得明显成效",
    "跑出加速度",
    "迈上新台阶",
    "交出亮眼答卷",
    "惠及更多群众",
    "形成良好态势",
    "实现稳步增长",
    "打通最后一公里",
    "激发新活力",
    "增强获得感",
]
NUMBERS = ["3", "5", "8", "12", "16", "24", "30", "45", "60", "70", "100", "120", "300", "1600"]
UNITS = ["个项目", "家企业", "场活动", "项服务", "个社区", "名志愿者", "户居民", "亿元", "万平方米", "所学校"]
PAGE_NAMES = ["要闻", "武进新闻", "综合", "民生", "经济", "文化", "社会", "副刊"]
COLUMNS = ["基层宣讲台", "民生直通车", "经济观察", "文化视点", "百姓故事", "一线传真", "图片新闻", "法治之窗"]
ROLES = ["记者", "本报记者", "通讯员", "实习生", "见习记者"]


STAFF = 60  # the paper's reporters and editors
CORRESPONDENTS = 800  # regular contributors from districts, schools, agencies


class PageWriter:
    """Bylines come from a roster, as in a real paper: the same reporters write every day and
    regular correspondents recur, while a share of names are new contributors."""

    def __init__(self, rng):
        self.rng = rng
        self.staff = [self.name() for _ in range(STAFF)]
        self.correspondents = [self.name() for _ in range(CORRESPONDENTS)]

    def reporter(self):
        return self.rng.choice(self.staff) if self.rng.random() < 0.95 else self.name()

    def correspondent(self):
        return self.rng.choice(self.correspondents) if self.rng.random() < 0.85 else self.name()

    def name(self):
        return self.rng.choice(SURNAMES) + "".join(
            self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2)))
        )

    def phrase(self):
        r = self.rng
        return r.choice(
            (
                r.choice(VERBS) + r.choice(OBJECTS),
                r.choice(ADJECTIVES) + r.choice(OBJECTS),
                r.choice(OBJECTS) + r.choice(RESULTS),
            )
        )

    def sentence(self):
        r = self.rng
        parts = [r.choice(PLACES + SUBJECTS)]
        for _ in range(r.randint(2, 4)):
            parts.append(self.phrase())
        if r.random() < 0.4:
            parts.append(f"累计{r.choice(VERBS)}{r.choice(NUMBERS)}{r.choice(UNITS)}")
        if r.random() < 0.3:
            parts.append(f"“{r.choice(OBJECTS)}+{r.choice(OBJECTS)}”模式{r.choice(RESULTS)}")
        return "，".join(parts) + r.choice("。。。！")

    def paragraph(self):
        return "".join(self.sentence() for _ in range(self.rng.randint(2, 6)))

    def byline(self):
        r = self.rng
        kind = r.randrange(5)
        if kind == 0:
            return f"□ 记者 {self.reporter()}"
        if kind == 1:
            return f"□ 记者 {self.reporter()} 通讯员 {self.correspondent()} {self.correspondent()}"
        if kind == 2:
            return f"□ {self.correspondent()} 记者 {self.reporter()}"
        if kind == 3:
            return f"■ {r.choice(ROLES)} {self.reporter()} 文/摄"
        return ""  # a dateline carries the byline instead

    def headline_stack(self):
        r = self.rng
        lines = []
        if r.random() < 0.3:
            lines.append(f"{r.choice(ADJECTIVES)}{r.choice(OBJECTS)}")
        head = f"{r.choice(PLACES)}：{self.phrase()}"
        if r.random() < 0.4:
            head += f" {self.phrase()}"
        lines.append(head)
        if r.random() < 0.3:
            lines.append(f"——{r.choice(SUBJECTS)}{self.phrase()}纪实")
        return lines

    def article(self, column=False):
        r = self.rng
        blocks = ["\n".join(self.headline_stack())]
        byline = self.byline()
        paragraphs = [self.paragraph() for _ in range(r.randint(4, 10))]
        if byline:
            blocks.append(byline)
        else:
            paragraphs[0] = f"本报讯（记者 {self.reporter()} 通讯员 {self.correspondent()}）{paragraphs[0]}"
        subheads = r.random() < 0.35
        prefix = r.choice(OBJECTS)[:2] + "+"
        for i, paragraph in enumerate(paragraphs):
            if subheads and i in (1, 4, 7):
                blocks.append(prefix + r.choice(OBJECTS))
            if r.random() < 0.35 and len(paragraph) > 20:
                cut = r.randint(5, len(paragraph) - 3)  # a column break, anywhere
                while paragraph[cut - 1] in "。！？" or paragraph[cut] in "。！？，":
                    cut -= 1
                blocks.append(paragraph[:cut])
                blocks.append(paragraph[cut:])
            else:
                blocks.append(paragraph)
            if r.random() < 0.12:
                credit = f" 记者 {self.reporter()} 摄" if r.random() < 0.5 else ""
                caption = (
                    f"图为{r.choice(PLACES)}{r.choice(OBJECTS)}现场{credit}"
                    if r.random() < 0.5
                    else f"{r.choice(PLACES)}{r.choice(OBJECTS)}现场{credit}"
                )
                blocks.append("\n\n" + caption)
        if column:
            blocks.append(r.choice(COLUMNS))
        return "\n\n".join(blocks)

    def page(self, date, number):
        r = self.rng
        header = [
            f"{date.year}年{date.month}月{date.day}日 星期{'一二三四五六日'[date.weekday()]}",
            f"第{number}版 {PAGE_NAMES[(number - 1) % len(PAGE_NAMES)]}",
            f"责任编辑：{r.choice(self.staff)} 版式：{r.choice(self.staff)}",
        ]
        count = r.randint(3, 7)
        articles = [self.article(column=(i == count - 1 and r.random() < 0.4)) for i in range(count)]
        return "\n".join(header) + "\n\n\n" + "\n\n\n\n".join(articles) + "\n"


def generate(out_dir, days, pages_per_issue, seed=1, start=datetime.date(2024, 1, 1)):
    """Write days x pages files named YYYY-MM-DD_pNN.txt; return their paths in issue order."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    writer = PageWriter(random.Random(seed))
    paths = []
    for day in range(days):
        date = start + datetime.timedelta(days=day)
        for number in range(1, pages_per_issue + 1):
            path = out / f"{date.isoformat()}_p{number:02d}.txt"
            path.write_text(writer.page(date, number), encoding="utf-8")
            paths.append(path)
    return paths


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--pages", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = generate(args.out_dir, args.days, args.pages, args.seed)
    print(f"{len(paths)} pages written to {args.out_dir}")


if __name__ == "__main__":
    main()
