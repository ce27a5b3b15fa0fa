#!/usr/bin/env python3
"""Build the benchmark inputs of bench/run.sh from this machine's real zh_CN catalogs.

    make_corpus.py OUT_DIR SIZE_MB... [--glossary N]

Reads every `*.po` in $CORPUS (default: msgunfmt output made by run.sh) and writes, for each
SIZE_MB, `OUT_DIR/corpus-SIZE.po`: one PO file of about SIZE_MB megabytes holding the real
messages replicated, each copy given a unique `msgctxt` ("r3.17|original context": copy 3 of catalog 17) so that no
two messages are the same message (corpus-level rules see a real corpus, not duplicates).
The header of the first catalog (charset UTF-8) heads the file.

With --glossary N it also writes OUT_DIR/glossary-N.csv: an en->zh glossary of N rows, the
real IT terms listed below (they occur in the catalogs, so term checks have work to do)
followed by generated multi-word English terms that never occur (the automaton is still
entered on every common prefix), with generated Chinese renderings.
"""

import glob
import os
import random
import re
import sys

# Real English -> Chinese software terms (common usage, written for this benchmark).
REAL_TERMS = [
    ("file", "文件"), ("folder", "文件夹"), ("directory", "目录"), ("password", "密码"),
    ("user", "用户"), ("server", "服务器"), ("network", "网络"), ("window", "窗口"),
    ("menu", "菜单"), ("button", "按钮"), ("option", "选项"), ("setting", "设置"),
    ("error", "错误"), ("warning", "警告"), ("device", "设备"), ("printer", "打印机"),
    ("keyboard", "键盘"), ("mouse", "鼠标"), ("screen", "屏幕"), ("display", "显示"),
    ("disk", "磁盘"), ("partition", "分区"), ("volume", "卷"), ("backup", "备份"),
    ("download", "下载"), ("upload", "上传"), ("install", "安装"), ("update", "更新"),
    ("package", "软件包"), ("library", "库"), ("database", "数据库"), ("table", "表"),
    ("column", "列"), ("row", "行"), ("index", "索引"), ("query", "查询"),
    ("connection", "连接"), ("certificate", "证书"), ("key", "密钥"), ("signature", "签名"),
    ("encryption", "加密"), ("account", "账户"), ("permission", "权限"), ("process", "进程"),
    ("thread", "线程"), ("memory", "内存"), ("cache", "缓存"), ("buffer", "缓冲区"),
    ("timeout", "超时"), ("protocol", "协议"), ("address", "地址"), ("port", "端口"),
    ("host", "主机"), ("domain", "域"), ("session", "会话"), ("service", "服务"),
    ("image", "图像"), ("font", "字体"), ("color", "颜色"), ("audio", "音频"),
    ("video", "视频"), ("camera", "相机"), ("battery", "电池"), ("power", "电源"),
    ("command", "命令"), ("argument", "参数"), ("variable", "变量"), ("function", "函数"),
    ("object", "对象"), ("string", "字符串"), ("character", "字符"), ("format", "格式"),
    ("repository", "仓库"), ("branch", "分支"), ("commit", "提交"), ("merge", "合并"),
    ("tag", "标签"), ("search", "搜索"), ("filter", "过滤器"), ("selection", "选区"),
    ("clipboard", "剪贴板"), ("shortcut", "快捷键"), ("toolbar", "工具栏"), ("panel", "面板"),
    ("dialog", "对话框"), ("preview", "预览"), ("history", "历史"), ("bookmark", "书签"),
    ("plugin", "插件"), ("extension", "扩展"), ("theme", "主题"), ("language", "语言"),
    ("time zone", "时区"), ("file system", "文件系统"), ("mount point", "挂载点"),
    ("root directory", "根目录"), ("home directory", "主目录"), ("user name", "用户名"),
    ("log file", "日志文件"), ("configuration file", "配置文件"),
]

SYLLABLES = ["ka", "ro", "ten", "mi", "sol", "ver", "an", "dus", "pel", "tor", "qua", "lin",
             "bre", "zo", "nix", "fa", "gor", "hu", "jem", "wyl"]
HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理"

ROW_RE = re.compile(r"^(msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?)\s")


def entries(text):
    """Split a PO file into entries (lists of lines), dropping obsolete ones."""
    block = []
    for line in text.split("\n"):
        if not line.strip():
            if block:
                yield block
                block = []
            continue
        block.append(line)
    if block:
        yield block


def is_header(block):
    for i, line in enumerate(block):
        if line.startswith("msgid "):
            return line == 'msgid ""' and (i + 1 >= len(block) or not block[i + 1].startswith('"'))
    return False


def with_context(block, tag):
    """Give the entry a unique msgctxt: prefix an existing one, or add one before msgid."""
    out = []
    done = False
    for line in block:
        if not done and line.startswith('msgctxt "'):
            out.append('msgctxt "%s|' % tag + line[len('msgctxt "'):])
            done = True
        elif not done and line.startswith("msgid "):
            out.append('msgctxt "%s"' % tag)
            out.append(line)
            done = True
        else:
            out.append(line)
    return out


def load_messages(corpus_dir):
    header = None
    messages = []
    for fi, path in enumerate(sorted(glob.glob(os.path.join(corpus_dir, "*.po")))):
        with open(path, encoding="utf-8", errors="strict") as f:
            try:
                text = f.read()
            except UnicodeDecodeError:
                continue
        for block in entries(text):
            if any(l.startswith("#~") for l in block):
                continue
            if not any(l.startswith("msgid ") for l in block):
                continue
            if is_header(block):
                if header is None:
                    header = block
                continue
            messages.append((fi, block))
    return header, messages


def write_corpus(path, header, messages, size_mb):
    target = size_mb * 1_000_000
    written = 0
    copy = 0
    with open(path, "w", encoding="utf-8") as out:
        h = "\n".join(header) + "\n\n"
        out.write(h)
        written += len(h.encode("utf-8"))
        while written < target:
            for fi, block in messages:
                # Messages are unique within a catalog, so copy + catalog makes them unique.
                s = "\n".join(with_context(block, "r%d.%d" % (copy, fi))) + "\n\n"
                out.write(s)
                written += len(s.encode("utf-8"))
                if written >= target:
                    break
            copy += 1
    return written, copy


def write_glossary(path, n, seed=7):
    rng = random.Random(seed)
    seen = set()
    with open(path, "w", encoding="utf-8") as out:
        out.write("source,target\n")
        rows = 0
        for en, zh in REAL_TERMS:
            if rows >= n:
                break
            out.write("%s,%s\n" % (en, zh))
            seen.add(en)
            rows += 1
        while rows < n:
            words = [
                "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
                for _ in range(rng.randint(1, 3))
            ]
            en = " ".join(words)
            if en in seen:
                continue
            seen.add(en)
            zh = "".join(rng.choice(HAN) for _ in range(rng.randint(2, 5)))
            out.write("%s,%s\n" % (en, zh))
            rows += 1


def main(argv):
    args = list(argv[1:])
    glossary = None
    if "--glossary" in args:
        i = args.index("--glossary")
        glossary = int(args[i + 1])
        del args[i:i + 2]
    if len(args) < 1:
        sys.exit(__doc__)
    out_dir, sizes = args[0], [float(s) for s in args[1:]]
    corpus_dir = os.environ.get("CORPUS", os.path.join(out_dir, "catalogs"))
    os.makedirs(out_dir, exist_ok=True)
    if sizes:
        header, messages = load_messages(corpus_dir)
        if header is None or not messages:
            sys.exit("no PO messages under %s" % corpus_dir)
        header = [l for l in header]
        for size in sizes:
            name = "corpus-%g.po" % size
            written, copies = write_corpus(os.path.join(out_dir, name), header, messages, size)
            print("%s: %d bytes, %d messages x %d copies" % (name, written, len(messages), copies))
    if glossary:
        write_glossary(os.path.join(out_dir, "glossary-%d.csv" % glossary), glossary)
        print("glossary-%d.csv: %d rows (%d real)" % (glossary, glossary, min(glossary, len(REAL_TERMS))))


if __name__ == "__main__":
    main(sys.argv)
