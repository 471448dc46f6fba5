#!/usr/bin/python3
"""The workbench in headless Chromium (Debian's chromium, chromium-driver and python3-selenium).

Starts `zhengce serve` on a temporary folder and a free port, then, as a drafter would: opens the
workbench, types a mistake and sees its underline, hover message and list entry, fixes it and sees
them go, completes a declared name (by its characters and by its pinyin) and hovers on one, clicks a
rendered sentence and lands on its rule, fills the applicant form and reads the award, uploads a
small registry and sees the charts and totals, and tries to save over a file changed on disk. A screenshot of each step is saved (--screenshots) for a
person to look at. Exits 77 (ctest: skipped) when the browser or selenium is not installed.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    print("skipped: python3-selenium is not installed (scripts/install-deps)")
    sys.exit(77)

POLICY = """政策“研发投入后补助（测试）”。
发文机关“某区科学技术局”。
发文日期：2024年3月1日。
出资方「区财政」：本级，默认。

事实「研发投入」：金额。
事实「首次通过高新技术企业认定」：是否，默认否。
事实「孵化器级别」：选项（「省级」、「国家级」、「无」），默认「无」。

第1条“研发投入后补助”。
规则「研发补助」：对「研发投入」50万元以上的企业，按「研发投入」的10%给予补助，最高不超过10万元。
规则「高企奖励」：对「首次通过高新技术企业认定」的企业，给予5万元奖励。
第2条“孵化器奖励”。
规则「孵化器奖励」：对「孵化器级别」为「省级」、「国家级」的企业，分别给予20万元、50万元奖励。

案例「大企业」：「研发投入」为200万元；预期：「研发补助」为10万元。
"""

REGISTRY = """编号,研发投入,首次通过高新技术企业认定,孵化器级别
QY01,80万元,是,无
QY02,200万元,否,省级
QY03,30万元,是,国家级
QY04,60万元,否,无
QY05,,是,无
QY06,100万元,否,国家级
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zhengce", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--screenshots", required=True)
    args = ap.parse_args()
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not os.path.exists(chromium) or not os.path.exists(driver_path):
        print("skipped: chromium or chromium-driver is not installed (scripts/install-deps)")
        return 77
    os.makedirs(args.screenshots, exist_ok=True)
    work = tempfile.mkdtemp(prefix="zhengce-browser-")
    policy_path = os.path.join(work, "yanfa.zc")
    with open(policy_path, "w", encoding="utf-8") as f:
        f.write(POLICY)
    registry_path = os.path.join(work, "registry.csv")
    with open(registry_path, "w", encoding="utf-8") as f:
        f.write(REGISTRY)
    server = subprocess.Popen([args.zhengce, "serve", work, "--port", "0"], stderr=subprocess.PIPE, text=True)
    driver = None
    try:
        line = server.stderr.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            print("the server did not start: " + line + server.stderr.read())
            return 1
        url = "http://127.0.0.1:%s/" % m.group(1)
        opts = webdriver.ChromeOptions()
        opts.binary_location = chromium
        for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1500,950", "--lang=zh-CN", "--disable-dev-shm-usage"):
            opts.add_argument(a)
        driver = webdriver.Chrome(service=Service(driver_path), options=opts)
        run(driver, url, args.screenshots, policy_path, registry_path)
        print("browser test passed; screenshots in " + args.screenshots)
        return 0
    finally:
        if driver:
            driver.quit()
        server.terminate()
        server.wait(10)
        shutil.rmtree(work, ignore_errors=True)


def run(d, url, shots, policy_path, registry_path):
    wait = WebDriverWait(d, 20)

    def shot(name):
        d.save_screenshot(os.path.join(shots, name))

    def js(code, *a):
        return d.execute_script(code, *a)

    def check_state():
        return d.find_element(By.ID, "check-state").text

    def editor_type(keys):
        area = d.find_element(By.CSS_SELECTOR, ".CodeMirror textarea")
        area.send_keys(keys)

    # 1. Open: the file is loaded, checked clean, rendered, its example case passes.
    d.get(url)
    wait.until(lambda _: "未发现问题" in check_state())
    wait.until(lambda _: d.find_elements(By.CSS_SELECTOR, "#rendered span.decision"))
    assert js("return zhengceWorkbench.editor.getValue()") == POLICY
    assert d.find_element(By.ID, "file").get_attribute("value") == "yanfa"
    shot("01-open.png")

    # 2. A mistake typed in the editor: 以上 → 左右 (a threshold word with no legal meaning).
    line = POLICY.split("\n").index(next(l for l in POLICY.split("\n") if l.startswith("规则「研发补助」")))
    ch = POLICY.split("\n")[line].index("以上") + 2
    js("var cm = zhengceWorkbench.editor; cm.focus(); cm.setCursor(arguments[0], arguments[1]);", line, ch)
    editor_type(Keys.BACKSPACE + Keys.BACKSPACE + "左右")
    wait.until(lambda _: d.find_elements(By.CSS_SELECTOR, ".CodeMirror-lint-mark-error"))
    marks = d.find_elements(By.CSS_SELECTOR, ".CodeMirror-lint-mark-error")  # one per highlighted token
    assert "".join(m.text for m in marks) == "50万元左右", [m.text for m in marks]
    mark = marks[-1]
    problems = d.find_element(By.ID, "problem-list").text
    assert "E0516" in problems and "「左右」没有确切的法律含义" in problems and "帮助：" in problems, problems
    assert "错误" in check_state()
    ActionChains(d).move_to_element(mark).perform()
    tip = wait.until(lambda _: [t for t in d.find_elements(By.CSS_SELECTOR, ".CodeMirror-lint-tooltip") if t.is_displayed()])
    assert "「左右」没有确切的法律含义" in tip[0].text and "帮助" in tip[0].text, tip[0].text
    shot("02-mistake.png")

    # Clicking the entry in the list moves the cursor to the span.
    js("zhengceWorkbench.editor.setCursor(0, 0)")
    d.find_element(By.CSS_SELECTOR, "#problem-list li.problem").click()
    cur = js("var c = zhengceWorkbench.editor.getCursor('from'); return [c.line, c.ch];")
    assert cur[0] == line, cur

    # 3. Fixed: the underline, the list entry and the error state go.
    js("var cm = zhengceWorkbench.editor; cm.focus(); cm.setCursor(arguments[0], arguments[1]);", line, ch)
    editor_type(Keys.BACKSPACE + Keys.BACKSPACE + "以上")
    wait.until(lambda _: "未发现问题" in check_state())
    assert not d.find_elements(By.CSS_SELECTOR, ".CodeMirror-lint-mark-error")
    assert d.find_element(By.ID, "problem-list").text == "没有问题"
    ActionChains(d).move_by_offset(-300, 0).perform()
    shot("03-fixed.png")

    # The edit was autosaved to a draft beside the file (the file itself untouched).
    wait.until(lambda _: "草稿已自动保存" in d.find_element(By.ID, "save-state").text)
    assert os.path.exists(policy_path + ".draft")
    assert open(policy_path, encoding="utf-8").read() == POLICY

    # 4. Completion by the language service (/api/v1/complete): 「研 offers 「研发投入」, and so does
    # its pinyin, yftr, typed without an input method.
    last = js("return zhengceWorkbench.editor.lastLine()")
    js("var cm = zhengceWorkbench.editor; cm.focus(); cm.setCursor(arguments[0], 0);", last)
    editor_type("说明：“「研")

    def first_hint(label):
        def ready(_):
            hints = d.find_elements(By.CSS_SELECTOR, ".CodeMirror-hints li")
            return hints if hints and hints[0].text.startswith(label) else False
        return wait.until(ready)

    first_hint("「研发投入」")
    shot("04-completion.png")
    editor_type(Keys.ENTER)
    last_line = "var cm = zhengceWorkbench.editor; return cm.getLine(cm.lastLine());"
    assert js(last_line) == "说明：“「研发投入」"
    clear_last = "var cm = zhengceWorkbench.editor; cm.replaceRange('', CodeMirror.Pos(cm.lastLine(), 0), CodeMirror.Pos(cm.lastLine()));"
    js(clear_last)
    editor_type("规则「新」：对yftr")
    first_hint("「研发投入」")
    editor_type(Keys.ENTER)
    assert js(last_line) == "规则「新」：对「研发投入」", js(last_line)
    js(clear_last)
    wait.until(lambda _: "未发现问题" in check_state())

    # Hover (/api/v1/hover): the mouse resting on a fact's name shows its type.
    fact = POLICY.split("\n").index("事实「研发投入」：金额。")
    js("var cm = zhengceWorkbench.editor, c = cm.charCoords(CodeMirror.Pos(arguments[0], 4), 'window');"
       "cm.getWrapperElement().dispatchEvent(new MouseEvent('mousemove', {clientX: c.left + 2, clientY: (c.top + c.bottom) / 2, bubbles: true}));", fact)
    tip = wait.until(lambda _: [t for t in d.find_elements(By.ID, "hover-tip") if t.is_displayed()])
    assert tip[0].text.startswith("事实「研发投入」") and "类型：金额" in tip[0].text, tip[0].text
    shot("04-hover.png")

    # 5. A sentence of the rendered text leads to its rule.
    js("zhengceWorkbench.editor.setCursor(0, 0)")
    sentence = d.find_element(By.CSS_SELECTOR, '#rendered span.decision[data-rule="孵化器奖励"]')
    assert "分别给予20万元、50万元奖励" in sentence.text, sentence.text
    sentence.click()
    cur = js("var c = zhengceWorkbench.editor.getCursor('from'); return [c.line, zhengceWorkbench.editor.getSelection()];")
    assert POLICY.split("\n")[cur[0]].startswith("规则「孵化器奖励」") and cur[1] == "孵化器奖励", cur
    shot("05-text.png")

    # Example cases.
    d.find_element(By.CSS_SELECTOR, '#tabs button[data-tab="cases"]').click()
    assert d.find_element(By.ID, "cases").text.startswith("✓ 大企业"), d.find_element(By.ID, "cases").text

    # 6. The applicant form: an amount in 万元, a switch, a select; the award and the totals.
    d.find_element(By.CSS_SELECTOR, '#tabs button[data-tab="form"]').click()
    amount = d.find_element(By.CSS_SELECTOR, '[data-fact="研发投入"]')
    assert amount.get_attribute("type") == "number"
    amount.send_keys("80")
    assert Select(d.find_element(By.CSS_SELECTOR, '[data-unit-for="研发投入"]')).first_selected_option.text == "万元"
    switch = d.find_element(By.CSS_SELECTOR, '[data-fact="首次通过高新技术企业认定"]')
    assert switch.get_attribute("type") == "checkbox" and not switch.is_selected()
    d.find_element(By.CSS_SELECTOR, 'label.switch .slider').click()
    assert switch.is_selected()
    Select(d.find_element(By.CSS_SELECTOR, '[data-fact="孵化器级别"]')).select_by_visible_text("省级")
    d.find_element(By.ID, "btn-evaluate").click()
    totals = wait.until(lambda _: d.find_elements(By.CSS_SELECTOR, "#result table.totals td.amount"))
    assert totals[0].text == "33万元", totals[0].text  # 8万元 + 5万元 + 20万元
    rules = d.find_element(By.CSS_SELECTOR, "#result table.rules").text
    assert "研发补助 8万元" in rules and "高企奖励 5万元" in rules and "孵化器奖励 20万元" in rules, rules
    assert "申请结果说明" in d.find_element(By.CSS_SELECTOR, "#result pre.explain").text
    shot("06-form.png")

    # 7. A registry: charts, totals and the histogram.
    d.find_element(By.CSS_SELECTOR, '#tabs button[data-tab="sim"]').click()
    d.find_element(By.ID, "registry").send_keys(registry_path)
    d.find_element(By.ID, "btn-sim").click()
    wait.until(lambda _: "完成" in d.find_element(By.ID, "sim-phase").text)
    assert d.find_element(By.ID, "sim-bar").get_attribute("value") == "100"
    summary = d.find_element(By.CSS_SELECTOR, ".sim-summary").text
    assert summary.startswith("登记册 6 行：求值 6 户"), summary
    payers = d.find_element(By.CSS_SELECTOR, "table.sim-payers").text
    # 研发: 8万+10万+6万+10万 = 34万; 高企: 3×5万 = 15万; 孵化器: 20万 + 50万 + 50万 = 120万 → 169万元
    assert "区财政 本级 6 169万元" in payers, payers
    assert len(d.find_elements(By.CSS_SELECTOR, "svg.chart.bars rect.bar")) >= 4
    assert d.find_elements(By.CSS_SELECTOR, "#hist svg.histogram rect.bar")
    clauses = d.find_element(By.CSS_SELECTOR, "table.sim-clauses").text
    assert "研发补助 4 34万元" in clauses, clauses
    shot("07-simulate.png")
    js("document.getElementById('hist').scrollIntoView()")
    shot("08-histogram.png")

    # 8. Saving over a file changed on disk is refused, and says so; the file keeps the other change.
    with open(policy_path, "w", encoding="utf-8") as f:
        f.write(POLICY + "# 另一位同事的修改\n")
    d.find_element(By.ID, "btn-save").click()
    banner = wait.until(lambda _: d.find_element(By.ID, "banner") if d.find_element(By.ID, "banner").is_displayed() else None)
    assert "文件在打开之后已被修改" in banner.text, banner.text
    assert open(policy_path, encoding="utf-8").read().endswith("# 另一位同事的修改\n")
    shot("09-conflict.png")
    # Reloading the file from disk, then saving, works.
    banner.find_element(By.TAG_NAME, "button").click()
    wait.until(lambda _: js("return zhengceWorkbench.editor.getValue()").endswith("# 另一位同事的修改\n"))
    d.find_element(By.ID, "btn-save").click()
    wait.until(lambda _: "已保存到文件" in d.find_element(By.ID, "save-state").text)


if __name__ == "__main__":
    sys.exit(main())
