#!/usr/bin/env python3
"""Builds the 公文 reference document pandoc styles `zhengce render --format docx` with.

Usage: make_reference.py DEFAULT.docx OUT.docx
DEFAULT.docx is pandoc's own reference document (`pandoc -o F --print-default-data-file
reference.docx`); this script keeps everything in it and changes only the layout: the styles of the
roles of a 公文 (GB/T 9704-2012), the A4 page with its 版心 and line grid, and the page numbers
"— 1 —". It writes no document content. The style names are the contract with
compiler/render/docx.cpp (custom-style) and with pandoc (Heading 1, Heading 2, Body Text).

Fonts are the Debian ones standing in for the fonts GB/T 9704 names (docs/drafter-tools.md):
  方正小标宋简体 (title)      -> Noto Serif CJK SC, bold       (fonts-noto-cjk)
  仿宋_GB2312 (text)          -> Noto Serif CJK SC             (fonts-noto-cjk)
  黑体 (first-level headings) -> Noto Sans CJK SC              (fonts-noto-cjk)
  楷体_GB2312 (second level)  -> AR PL UKai CN                 (fonts-arphic-ukai)
"""
import re
import sys
import zipfile

SONG = "Noto Serif CJK SC"   # for 仿宋_GB2312 and 方正小标宋
HEI = "Noto Sans CJK SC"     # for 黑体
KAI = "AR PL UKai CN"        # for 楷体_GB2312

# Sizes in half-points: 二号 22pt, 三号 16pt, 四号 14pt.
ERHAO, SANHAO, SIHAO = 44, 32, 28

# The 版心 is 156 mm x 225 mm on A4 (天头 37 mm, 订口 28 mm) with 22 lines of 28 characters:
# a line pitch of 225 mm / 22 = 28.95 pt (579 twentieths of a point, a line grid), and a character
# pitch of 156 mm / 28 = 15.79 pt, so the 16 pt characters of the text are set 0.25 pt closer
# (w:spacing -5). A character grid (docGrid linesAndChars) would say the same to Word, but
# LibreOffice then gives each 16 pt character two cells of the grid.
LINE = 579
CLOSER = -5
MM = 1440 / 25.4  # twips per millimetre


def twips(mm):
    return str(round(mm * MM))


def rpr(font, size, bold=False):
    b = "<w:b/><w:bCs/>" if bold else "<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>"
    spacing = '<w:spacing w:val="{}"/>'.format(CLOSER) if size == SANHAO else ""
    return ('<w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>{b}'
            '<w:color w:val="000000"/>{sp}<w:sz w:val="{s}"/><w:szCs w:val="{s}"/></w:rPr>').format(
        f=font, b=b, sp=spacing, s=size)


def ppr(jc="both", first_chars=None, left_chars=None, right_chars=None, line=LINE, before=0, after=0,
        keep_next=False, outline=None, border=None, snap=True):
    ind = ""
    if first_chars is not None or left_chars is not None or right_chars is not None:
        attrs = []
        if left_chars is not None:
            attrs.append('w:leftChars="{}" w:left="{}"'.format(left_chars * 100, left_chars * 320))
        if right_chars is not None:
            attrs.append('w:rightChars="{}" w:right="{}"'.format(right_chars * 100, right_chars * 320))
        if first_chars is not None:
            attrs.append('w:firstLineChars="{}" w:firstLine="{}"'.format(first_chars * 100, first_chars * 320))
        ind = "<w:ind {}/>".format(" ".join(attrs))
    # autoSpace off: no extra space between Chinese characters and digits or Latin letters.
    # Children in the order of CT_PPr (Word refuses another order).
    return ("<w:pPr>{keep}{bdr}<w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/>{snap}<w:spacing w:before=\"{b}\" w:after=\"{a}\" w:line=\"{l}\" w:lineRule=\"exact\"/>"
            "{ind}<w:jc w:val=\"{jc}\"/>{ol}</w:pPr>").format(
        keep="<w:keepNext/>" if keep_next else "", bdr=border or "", snap="" if snap else '<w:snapToGrid w:val="0"/>', b=before, a=after, l=line, ind=ind, jc=jc,
        ol='<w:outlineLvl w:val="{}"/>'.format(outline) if outline is not None else "")


RULE_THICK = '<w:top w:val="single" w:sz="8" w:space="1" w:color="000000"/>'
RULE_THIN = '<w:top w:val="single" w:sz="4" w:space="1" w:color="000000"/>'

# (styleId, name, basedOn, pPr, rPr): every style the renderer uses, in the roles of GB/T 9704-2012.
STYLES = [
    # 正文: 三号仿宋, first line indented two characters, on the line grid.
    ("Normal", "Normal", None, ppr(), rpr(SONG, SANHAO)),
    ("BodyText", "Body Text", "Normal", ppr(first_chars=2), rpr(SONG, SANHAO)),
    ("FirstParagraph", "First Paragraph", "BodyText", ppr(first_chars=2), rpr(SONG, SANHAO)),
    ("Compact", "Compact", "BodyText", ppr(first_chars=2), rpr(SONG, SANHAO)),
    # 标题: 二号小标宋, centred, with a blank line under it (the title block ends there).
    ("GongwenTitle", "公文标题", "Normal", ppr(jc="center", line=round(LINE * 1.2), after=LINE, keep_next=True, snap=False),
     rpr(SONG, ERHAO, bold=True)),
    ("GongwenSubtitle", "公文副标题", "Normal", ppr(jc="center", keep_next=True), rpr(KAI, SANHAO)),
    ("DocNumber", "发文字号", "Normal", ppr(jc="center", keep_next=True), rpr(SONG, SANHAO)),
    # 主送机关: under the title, flush left.
    ("Addressee", "主送机关", "Normal", ppr(jc="left"), rpr(SONG, SANHAO)),
    # 结构层次: 一、 in 黑体, （一） in 楷体, both indented like the text; 1. and （1） stay in the text.
    ("Heading1", "heading 1", "Normal", ppr(jc="left", first_chars=2, keep_next=True, outline=0), rpr(HEI, SANHAO)),
    ("Heading2", "heading 2", "Normal", ppr(jc="left", first_chars=2, keep_next=True, outline=1), rpr(KAI, SANHAO)),
    # 附件说明: a blank line above, indented two characters; further items aligned after 附件：.
    ("Attachments", "附件说明", "Normal", ppr(first_chars=2, before=LINE), rpr(SONG, SANHAO)),
    ("AttachmentsMore", "附件说明续", "Normal", ppr(left_chars=5), rpr(SONG, SANHAO)),
    # 署名 and 成文日期: to the right, four characters in from the margin.
    ("Signature", "署名", "Normal", ppr(jc="right", right_chars=4, before=LINE * 2, keep_next=True), rpr(SONG, SANHAO)),
    ("SigningDate", "成文日期", "Normal", ppr(jc="right", right_chars=4), rpr(SONG, SANHAO)),
    # 附注: under the date, two characters in, in brackets (the renderer writes them).
    ("Remark", "附注", "Normal", ppr(jc="left", first_chars=2), rpr(SONG, SANHAO)),
    # 版记: 四号仿宋 between rules, one character in from each side.
    ("Colophon", "版记", "Normal", ppr(jc="left", left_chars=1, right_chars=1, before=LINE,
                                        border="<w:pBdr>" + RULE_THICK + "</w:pBdr>"), rpr(SONG, SIHAO)),
    ("ColophonLast", "版记末行", "Normal",
     ppr(jc="left", left_chars=1, right_chars=1,
         border="<w:pBdr>" + RULE_THIN + RULE_THICK.replace("w:top", "w:bottom") + "</w:pBdr>"), rpr(SONG, SIHAO)),
    # 页码: 四号半角宋体阿拉伯数字, "— 1 —", odd pages right and even pages left, one character in.
    ("Footer", "footer", "Normal", ppr(jc="right", line=360), rpr(SONG, SIHAO)),
    ("CommentText", "annotation text", "Normal", ppr(jc="left", line=360), rpr(SONG, 21)),
]


def style_xml(sid, name, based, p, r):
    return ('<w:style w:type="paragraph" w:customStyle="{c}" w:styleId="{i}"><w:name w:val="{n}"/>{b}'
            '<w:qFormat/>{p}{r}</w:style>').format(
        c="0" if sid in ("Normal", "BodyText", "Heading1", "Heading2", "Footer", "CommentText") else "1",
        i=sid, n=name, b='<w:basedOn w:val="{}"/>'.format(based) if based else "", p=p, r=r)


def patch_styles(xml):
    ids = {s[0] for s in STYLES}
    for sid in ids:
        xml = re.sub(r'<w:style [^>]*w:styleId="{}"[^>]*>.*?</w:style>'.format(sid), "", xml, flags=re.S)
    lang = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
    defaults = ('<w:docDefaults><w:rPrDefault>{}</w:rPrDefault><w:pPrDefault>{}</w:pPrDefault></w:docDefaults>'
                .format(rpr(SONG, SANHAO).replace("</w:rPr>", lang + "</w:rPr>"), ppr()))
    xml = re.sub(r"<w:docDefaults>.*?</w:docDefaults>", defaults, xml, flags=re.S)
    # Headings of levels 3 and below, and the title pandoc writes from metadata, look like the text.
    for level in range(3, 10):
        xml = re.sub(r'(<w:style [^>]*w:styleId="Heading{}"[^>]*>.*?)<w:rPr>.*?</w:rPr>'.format(level),
                     r"\1" + rpr(SONG, SANHAO), xml, flags=re.S)
    return xml.replace("</w:styles>", "".join(style_xml(*s) for s in STYLES) + "</w:styles>")


SECTION = ('<w:sectPr><w:footerReference w:type="default" r:id="rIdZcFooterOdd"/>'
           '<w:footerReference w:type="even" r:id="rIdZcFooterEven"/>'
           '<w:pgSz w:w="11906" w:h="16838"/>'
           '<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="851" '
           'w:footer="{footer}" w:gutter="0"/>'
           '<w:docGrid w:type="lines" w:linePitch="{line}"/></w:sectPr>').format(
    top=twips(37), right=twips(210 - 28 - 156), bottom=twips(297 - 37 - 225), left=twips(28),
    footer=twips(297 - 37 - 225 - 7 - 6), line=LINE)


def footer(align):
    # — PAGE —: the number is a field, so every page shows its own.
    run = '<w:r><w:t xml:space="preserve">{}</w:t></w:r>'
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<w:p><w:pPr><w:pStyle w:val="Footer"/><w:ind w:{side}Chars="100" w:{side}="280"/><w:jc w:val="{jc}"/></w:pPr>'
            + run.format("— ") +
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
            + run.format(" —") + '</w:p></w:ftr>').format(side="right" if align == "right" else "left", jc=align)


FOOTER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
FOOTER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"


def main(src, out):
    with zipfile.ZipFile(src) as zin:
        parts = {n: zin.read(n) for n in zin.namelist()}
    styles = patch_styles(parts["word/styles.xml"].decode("utf-8"))
    parts["word/styles.xml"] = styles.encode("utf-8")
    doc = parts["word/document.xml"].decode("utf-8")
    doc, n = re.subn(r"<w:sectPr\s*/>|<w:sectPr>.*?</w:sectPr>", SECTION, doc, flags=re.S)
    if n != 1:
        sys.exit("make_reference.py: expected one sectPr in the default reference document, found %d" % n)
    parts["word/document.xml"] = doc.encode("utf-8")
    parts["word/footer1.xml"] = footer("right").encode("utf-8")
    parts["word/footer2.xml"] = footer("left").encode("utf-8")
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    rels = rels.replace("</Relationships>",
                        '<Relationship Id="rIdZcFooterOdd" Type="{t}" Target="footer1.xml"/>'
                        '<Relationship Id="rIdZcFooterEven" Type="{t}" Target="footer2.xml"/></Relationships>'
                        .format(t=FOOTER_REL))
    parts["word/_rels/document.xml.rels"] = rels.encode("utf-8")
    types = parts["[Content_Types].xml"].decode("utf-8")
    types = types.replace("</Types>", '<Override PartName="/word/footer1.xml" ContentType="{t}"/>'
                          '<Override PartName="/word/footer2.xml" ContentType="{t}"/></Types>'.format(t=FOOTER_TYPE))
    parts["[Content_Types].xml"] = types.encode("utf-8")
    settings = parts["word/settings.xml"].decode("utf-8")
    # Odd and even pages have their own footer (evenAndOddHeaders follows defaultTabStop in CT_Settings).
    settings, n = re.subn(r"(<w:defaultTabStop[^>]*/>)", r"\1<w:evenAndOddHeaders/>", settings, count=1)
    if n != 1:
        sys.exit("make_reference.py: no defaultTabStop in the default settings.xml")
    settings = settings.replace('<w:themeFontLang w:val="en-US"', '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"')
    parts["word/settings.xml"] = settings.encode("utf-8")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
