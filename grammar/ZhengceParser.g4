// The Zhengce policy language: the parser grammar. Tokens come from the hand-written lexer
// (compiler/syntax/lexer.cpp) whose vocabulary is generated from compiler/syntax/keywords.def;
// this file never spells a Chinese word. It fixes the shape of statements, conditions and literals;
// an award phrase is a sequence of atoms that the syntax stage's award reader types into an
// ast::Award (compiler/syntax/award.cpp: which amount is a cap, which name bears a share), and the
// checker resolves its names and reads its meaning (compiler/check/award.cpp).
// Do not name rules `action`, `sempred` or `reset`: they hide ANTLR runtime methods.
parser grammar ZhengceParser;

options { tokenVocab = ZhengceLexer; }

@parser::members {
  // Set by the syntax stage (compiler/syntax/parse.cpp): whether a token is a name that is never a condition
  // (a payer, an option, a rule). A clause that opens with one opens with its award (区财政给予……); one that
  // opens with another name may open with its conditions written without 对 or 的 (「首次认定的高新技术企业」给予
  // 20万元扶持, 「甲」、「乙」，分别……) — unless a 的 follows before the award starts: 「基数」的20% is a base,
  // 「登记额」超过2亿元的部分 a part, ……的， and ……的企业， segments of their own.
  std::function<bool(antlr4::Token*)> notCondition;
  bool opensConditions() { return conditionsAt(1) != 0; }
  // The token that ends the conditions opening at LT(at) (0: none open there).
  size_t conditionsAt(ssize_t at) {
    antlr4::Token* first = _input->LT(at);
    if (first->getType() == NAME) {
      if (notCondition && notCondition(first)) return 0;
    } else if (first->getType() != NOT && first->getType() != LPAREN && !thresholdFirst(at)) {
      return 0;
    }
    for (ssize_t i = at;; ++i) {
      switch (size_t t = _input->LA(i)) {
        case OF: case PART: return 0;
        case COMMA: case SEMI: case PERIOD: case GIVE: case BY: case DO: case RESPECTIVELY: case SELECT: case MAX:
        case SCOPE: case NOUN: case EACH: case EXTRA: case AGAIN: case antlr4::Token::EOF:
          return t;
        default: break;
      }
    }
  }
  // Whether LT(at) opens a threshold written before its noun: “自主研发”1项（含）以上「发明专利」, 500万元以上「股权融资」
  // — an optional “verb”, a number, bound words, then the name.
  bool thresholdFirst(ssize_t at) {
    ssize_t i = at;
    if (_input->LA(i) == STRING) ++i;
    bool bound = false;
    if (_input->LA(i) == GE_PRE || _input->LA(i) == LE_PRE || _input->LA(i) == GT_PRE || _input->LA(i) == LT_PRE) { bound = true; ++i; }
    if (_input->LA(i) == ZAI) ++i;
    if (_input->LA(i) != NUMBER) return false;
    for (++i;; ++i) {
      switch (_input->LA(i)) {
        case MONEY_UNIT: case UNIT: case MEASURE: case YEAR: case FEN: case PERCENT: case PERMILLE: case LPAREN: case RPAREN:
        case INCL: case EXCL: case NUMBER:
          break;
        case GE_POST: case LE_POST: bound = true; break;
        case NAME: return bound;
        default: return false;
      }
    }
  }
  // At ，after an award: whether an alternative of its own starts after it, as texts join two awards with ，
  // instead of ； (……给予15万元一次性奖励，对「复审通过的高新技术企业」给予5万元奖励; ……，「通过复审的高新技术
  // 企业」给予……). It does when 对 or 凡 follows, or a condition with no 对 that runs straight into 给予, 按, 分别 or
  // 一次性 (a name that is a payer, an option or a rule never does).
  bool joinsClause() {
    if (_input->LA(1) != COMMA) return false;
    size_t next = _input->LA(2);
    if (next == FOR || next == FAN) return true;
    if (next != NAME) return false;
    size_t end = conditionsAt(2);
    return end == GIVE || end == BY || end == RESPECTIVELY || end == SCOPE;
  }
}

file : statement* EOF ;

// Every statement ends with 。 ; the parser resynchronises there after an error.
statement
  : header
  | payerDecl
  | factDecl
  | defineDecl
  | targetDecl
  | chapterDecl
  | articleDecl
  | ruleDecl
  | capDecl
  | noDupDecl
  | constraintDecl
  | deptDecl
  | noteDecl
  | reviewDecl
  | exampleDecl
  | sectionDecl
  | proseDecl
  | listDecl
  | printedDecl
  ;

// 政策“……”。  发文机关“……”。  发文日期：2024年2月21日。  依据“……”。  舍入：四舍五入到分。
header
  : kw=(POLICY | ISSUER | DOCNO | STATUS | BASIS) COLON? STRING PERIOD
  | ISSUED COLON? DATE PERIOD
  | EVAL_DATE COLON? DATE PERIOD         // 评价日期：2024年12月31日。 (durations are counted to it)
  | ROUNDING COLON? ROUND_MODE (TO roundUnit)? PERIOD
  ;
roundUnit : FEN | JIAO | MONEY_UNIT ;

// 出资方「区财政」：本级，默认。
payerDecl : PAYER name (COLON | IS)? payerAttr (COMMA payerAttr)* PERIOD ;
payerAttr : PAYER_ROLE | DEFAULT ;

// 事实「市到位资金」：金额。   事实「甲」、「乙」：是否，默认否。   指标「高企数」：数量（家）。
factDecl : kind=(FACT | INDICATOR) nameList COLON typeSpec (COMMA factAttr)* PERIOD ;
// Every list reads 、 和 及 与 以及; 或 is read where a list means "any of" (options) and rejected
// with E0209 elsewhere (docs/diagnostics.md, "List connectors").
nameList : name (listSep name)* ;
listSep : ENUM_SEP | LIST_AND | OR ;
typeSpec : TYPE (LPAREN typeArg RPAREN)? ;
typeArg : unitWord | nameList ;
unitWord : UNIT | MEASURE | YEAR | FEN ;
factAttr
  : DEFAULT IS? value          # factDefault
  | FROM_PAYER name            # factFrom
  | SCOPE                      # factScope
  | IS name                    # factItemOf   // 属于「技术合同」: a fact each item of that 清单 carries
  ;

// 定义「研发占比下限」：按「销售收入」分档，5000万元以下（含）为5%，……，其他为3%。
// 定义「总分」：「甲得分」、「乙得分」之和。
// 定义「成果得分」：「一类知识产权数」1项以上的为30分；……；其他为0分。
// 定义「研发强度达标」：「研发费用占比」不低于「研发占比下限」。
defineDecl : DEFINE name COLON defineBody PERIOD ;
defineBody
  : BY name shareOf? BANDS COMMA band ((COMMA | SEMI) band)*               # bandDefine
  | value MINUS name                                                        # topupDefine  // 「新级别标准」减去「已获奖励」
  | nameList SUM_OF                                                        # sumDefine
  | caseBranch (SEMI caseBranch)* (SEMI OTHERWISE (IS value | NOT_SUPPORTED))?  # caseDefine
  | cond                                                                   # condDefine
  ;
band
  : comparison (TO value incl?)? IS value   // 超过5000万元至2亿元（含）为4%
  | comparison comparison IS value          // 25%以上不满30%为16分
  | OTHERWISE IS value
  | OTHERWISE NOT_SUPPORTED                 // 其他不予支持: no value, and a rule that uses it does not pay
  ;
caseBranch : cond OF? IS value ;

// 目标：到2025年，「全区高新技术企业」达到120家以上。  目标：「产值占比」由54.75%达到60%以上。
targetDecl : TARGET COLON? (TO NUMBER YEAR COMMA?)? name (FROM literal)? comparison PERIOD ;

// 第二章“强化企业科技创新主体地位”。   第1条“加快培育高新技术企业”。   第（二）4条“政策激励”。
chapterDecl : ORDINAL NUMBER CHAPTER COLON? STRING? PERIOD ;
articleDecl : ORDINAL articleNo ARTICLE COLON? STRING? PERIOD ;
articleNo : (LPAREN NUMBER RPAREN)? NUMBER | LPAREN NUMBER RPAREN ;   // 第（一）条  第（1）条: a numbered paragraph

// 规则「高企认定补助」：对……的企业，给予10万元补助；对……，给予5万元补助。
// Branches separated by ； are alternatives: the first whose conditions hold pays.
// Alternatives may also be joined by ， where the next one opens with its own conditions (joinsClause).
ruleDecl : RULE name COLON clause (clauseSep clause)* PERIOD ;
clauseSep : SEMI | {joinsClause()}? COMMA ;
clause : (lead=STRING COMMA)? condSeg* paySeg ({!joinsClause()}? COMMA paySeg)* ;   // “设立……专项资金”，对……

// Only 对…… may run into the award without a comma (对……的企业给予3万元补助); the other condition
// segments end with ， so that 「基数」的20% is never read as a condition.
// A clause may open with its subject and no 对 (issue 11, 句首主语无“对”): ……的科技型小微企业，  or a
// condition with no 的 at all, before ， or the award: 「首次认定的高新技术企业」给予……  「甲」、「乙」，分别……
// (never a payer's name, nor a name before 的, which is a base: 「基数」的20%). Segments are all to hold.
condSeg
  : payer=name? FOR cond (OF subject?)? COMMA?  # forSeg      // （区财政）对……的企业，
  | FAN cond OF? COMMA                          # fanSeg      // 凡……，  凡是……的，
  | cond end=(OF | AFTER | WHEN) COMMA          # suffixSeg   // ……的，  ……后，
  | cond OF subject COMMA?                      # subjectSeg  // ……的科技型小微企业，
  | ZAI payPart+ BASE_ON COMMA                  # onTopSeg    // 在「市财政」给予……的基础上，
  | {opensConditions()}? cond COMMA?            # bareSeg     // 「首次认定的高新技术企业」给予……
  ;
// After 的 a category of the subject may be named as a condition of its own, both to hold (JX1: 对「评为优秀」的「孵化器
// 类别」为国家部委认定的卓越级、标准级孵化器和我省认定的省级孵化器分别给予……): its list is one a 分别 may pair with.
subject : SUBJECT+ | name IS valueList | name | STRING ;

// An award phrase is a sequence of atoms; compiler/syntax/award.cpp types them (ast::Award).
paySeg : payPart+ ;
payPart
  : growth                                           # partGrowth  // 「X」较「Y」新增部分 (first: the name is the growth's)
  | slice                                            # partSlice   // 「X」超过200万元至1000万元（含）的部分 (first: the name is the part's)
  | PRONOUN (name | SUBJECT+)                        # partPronoun // 按其「研发投入」的2%  按其投入2%
  | name                                             # partName
  | amount                                           # partAmount
  | rate                                             # partRate
  | stepEach                                         # partStep    // 每增加2000万元 (before perUnit: 每 then a bound word)
  | perUnit                                          # partPerUnit
  | STRING                                           # partString
  | LPAREN AND payPart+ (COMMA payPart+)* RPAREN     # partWithin  // （其中「市财政」承担25%，「区财政」承担15%）
  | LPAREN payPart+ RPAREN                           # partGroup   // （不超过「投保金额」的3%）
  | word=(GIVE | DO | BY | BASIS | RESPECTIVELY | SELECT | MAX | LE_PRE | PER_ENTITY | SCOPE
         | SUBJECT | SAME_AMOUNT | SOME_RATE | SOME_AMOUNT | UNSPEC | CASE | WAY | YI | NOUN | TYPE | OF
         | ENUM_SEP | LIST_AND | BENEFIT | DEDUCT | DEDUCT_END | POLICY | RISK | BEAR | SPLIT | AFTER
         | YEAR | COLON | PER_VERB | FROM | EXTRA | AGAIN | STEPWISE | INCREASE
         | RECIPIENT | AND | MINUS | PER_APPLICANT | PER_ITEM)                                                     # partWord   // FROM: 由「市级财政」给予……
  ;

// 每「认定数量」1家   每「认定数」较「目标数」增加1家   每培育1家「高新技术企业」
perUnit : EACH PER_VERB? name? (COMPARE_TO name INCREASE PER_VERB?)? NUMBER unitWord name? ;

// 200万元以下（含）的部分   超过200万元至1000万元（含）的部分   「登记额」超过2亿元的部分: a part of an
// amount, bounded as a band is (definitions' band rule), paid at the rate written after it.
slice : name? comparison (comparison | TO value incl?)? OF? PART ;

// 每增加2000万元   每超过0.5亿元   每满100平方米   每增加1个百分点: a step of the amount (count, rate) the
// conditions compare, counted in whole steps from their threshold (issue 11 form 5); the amount after it is
// paid per step.
stepEach : EACH (INCREASE | GT_PRE | GE_PRE) (amount | NUMBER UNIT? PCT_POINT) ;

// 「当年研发投入」较「上年研发投入」新增部分   「当年登记额」比「上年登记额」增长的部分   较「上年交易额」的增量:
// the growth of an amount over a base period, never below 0 (issue 11 form 3).
growth : name? (COMPARE_TO | THAN) name OF? (GROWTH | INCREASE) (OF? PART)? ;

// Conditions. 未 binds tightest; 且 and 或 may not be mixed at one level without （）. Conditions listed
// with 、 must all hold, as in 职工总数不超过500人、年销售收入不超过2亿元 (a 、 between values of one
// fact, 为国家级、省级, is the fact's list of values instead: any of them).
cond : condUnary (condOp condUnary)* ;
condOp : COMMA? (AND | OR) | ENUM_SEP ;
condUnary
  : NOT condUnary                        # condNot
  | LPAREN cond RPAREN                   # condParen
  | name IS valueList                    # condIs       // 「级别」为省级、国家级
  | name shareOf comparison              # condShare    // 「研发费用」占「营业收入」的比例不低于4%
  | name dateWindow                      # condWindow   // 「完成日期」自2023年7月1日起至2025年6月30日止
  // The threshold written before its noun (issue 11): 500万元（含）以上「股权融资」, 不低于3项「科技成果」, with the
  // verb before it as prose in “” (“自主研发”1项（含）以上「发明专利」), and with its subject before the verb
  // (「高成长性企业」“成功引入专业股权投资机构”500万元（含）以上「股权融资」: both hold). Only a number is a threshold
  // here (the AST builder refuses a name, E0570).
  | (lead=name? verb=STRING)? comparison noun=name   # condBefore
  | name ((ENUM_SEP | LIST_AND) name)* comparison?  # condFact   // 「甲」  「研发投入」50万元以上
  ;
// A window of days, both named days included: 自A起至B止, 自A至B止, 于A—B期间, A至B期间, 自A起.
// Written with none of 自/起/止/期间 (A至B) it parses so that the checker can say what is missing (E0522).
dateWindow
  : (WIN_FROM | WIN_AT)? DATE WIN_START? (TO | DASH) DATE WIN_END?
  | WIN_FROM DATE WIN_START
  ;
// 占「营业收入」的比例   占「职工总数」的比重   占「总投资」的: the whole a share is taken of.
shareOf : SHARE_OF name OF? (TYPE | PROPORTION)? ;
valueList : value (listSep value)* ;   // any of: 、 和 及 与 以及 或

// 以上/以下/以内/达到/不低于/不超过 include the number; 超过/不满/低于 do not (民法典第1259条).
// A number with no bound word, and the words without an exact meaning (VAGUE: 左右, 约), parse so
// that the checker can say what is missing (E0517, E0516) instead of a syntax error.
comparison
  : cmpPre name OF rate incl? cmpPost? incl?  // 不少于「职工总数」的15%   超过「总投资」的50%
  | name OF rate incl? cmpPost incl?          // 「职工总数」的15%以上
  | cmpPre value (incl | excl)? cmpPost? (incl | excl)?    // 达到120家以上   超过5000万元   不满10%
  | ZAI? value (incl | excl)? cmpPost (incl | excl)?       // 50万元以上   5000万元以下（含）  在500平方米以上  以下（不含）
  | between                              // 25%（含）-30%   20万元（含）至50万元
  | literal (incl | excl)?               // 50万元 (no bound word: E0517)
  ;
// A range with its two ends: 25%（含）-30%   300万元~1000万元   20万元（含）至50万元   70分（含）至90分
// 10（含）-20家. An end is included when marked （含）; an end left unmarked is settled by the
// neighbouring band or alternative that states it (compiler/syntax/ranges.cpp), or it is E0517.
between : lo=literal (loIncl=incl | loExcl=excl)? (DASH | TO) hi=literal (hiIncl=incl | hiExcl=excl)? ;
cmpPre : GE_PRE | LE_PRE | GT_PRE | LT_PRE | VAGUE ;
cmpPost : GE_POST | LE_POST | DATE_POST | VAGUE ;
incl : LPAREN INCL (NUMBER (unitWord | MONEY_UNIT))? RPAREN ;
// （不含）, （不含5000万元） after a threshold or a range's end: the number is excluded. 以上（不含）, 以下（不含） read >, <:
// the statute's 以上/以下 include the number unless the text says otherwise, and 不含 says so. With a word that
// itself includes the number (达到, 不低于, 不超过) it contradicts it (E0515). Inside an amount (20（不含）-30万元) it is
// not read: write it after the amount.
excl : LPAREN EXCL (NUMBER (unitWord | MONEY_UNIT))? RPAREN ;

value : name | literal | YES | NO ;
literal : amount | rate | NUMBER | DATE ;

// 10万元   100-500万元   20-30（含）万元   100万元至500万元   2家   1年   30分
amount
  : NUMBER incl? (DASH | TO) NUMBER incl? MONEY_UNIT        # rangeShared
  | NUMBER MONEY_UNIT (DASH | TO) NUMBER incl? MONEY_UNIT   # rangeFull
  | NUMBER incl? MONEY_UNIT                                # money
  | NUMBER incl? unitWord                                  # count
  ;
// 20%   百分之二十   1.5‰   千分之一点五   万分之一   1∶1
rate
  : NUMBER (PERCENT | PERMILLE)          # rateSuffix
  | (PCT_PREFIX | PML_PREFIX | PART_PREFIX) NUMBER     # ratePrefix   // 万分之一  十万分之五
  | NUMBER COLON NUMBER                  # rateRatio
  ;

// 上限「研发补助年度上限」：「研发投入补助」、「集成电路补助」合计，单个企业年度最高补助250万元。
capDecl : CAP name COLON nameList TOTAL? COMMA? payPart+ PERIOD ;
// 不重复「人才奖励不重复」：「甲」与「乙」不重复支持，就高。
noDupDecl : NODUP name COLON nameList NODUP NOUN* (COMMA (HIGHEST | PRIORITY))? PERIOD ;
// 约束「平均强度」：「创新能力提升项目」每个项目平均支持强度不高于50万元。
constraintDecl : CONSTRAINT name COLON name PER_ENTITY? SUBJECT? AVERAGE NOUN* cmpPre value PERIOD ;
// 牵头单位：“区科技局”；配合单位：“区财政局”、“区税务局”。
deptDecl : deptList (SEMI deptList)* PERIOD ;
deptList : DEPT_ROLE COLON? STRING (listSep STRING)* ;
// 说明：“……”。  (attached to the rule or article before it)
noteDecl : NOTE COLON? STRING PERIOD ;
// 公平竞争审查：“……”。  (the review's conclusion on the rule before it; acknowledges W0610)
reviewDecl : REVIEW COLON? STRING PERIOD ;

// 案例「首次认定」：「首次通过认定」为是，「市到位资金」为100万元；预期：「高企认定补助」为10万元。
exampleDecl : EXAMPLE name COLON assignment (COMMA assignment)* SEMI EXPECT COLON? expectation (COMMA expectation)* PERIOD ;
assignment : name IS (value | itemRow (ENUM_SEP itemRow)*) ;
// 「技术合同」为（「技术交易额」为300万元）、（「技术交易额」为500万元）: an item list, one （） per item.
itemRow : LPAREN (assignment (COMMA assignment)*)? RPAREN ;   // （） an item with every fact at its default
expectation
  : name (LPAREN name RPAREN)? IS expectValue    # expectRule
  | TOTAL name IS expectValue                    # expectTotal
  ;
expectValue
  : SELECT? MAX? amount (TO amount)?   # expectAmount     // 10万元  最高50万元  择优10万元  100万元至500万元
  | GE_PRE amount                      # expectAtLeast    // 至少4万元: a total with no upper end (金额未明确, 一事一议)
  | DEDUCT_END amount                  # expectDeduct     // 扣除100万元
  | CASE                               # expectCase
  | SELECT? UNSPEC (COMMA? MAX amount)?  # expectUnspec   // 金额未明确  金额未明确，最高50万元  择优金额未明确
  | NOT_SUPPORTED                      # expectNone
  | SELECT? APPLIES                    # expectBenefit    // 适用  择优适用
  | NODUP                              # expectExcluded
  ;

// ---- The document's own text: no meaning for evaluation, rendered in place (docs/language.md §7) ----
// 第（一）节“指导思想”。   第一节。
sectionDecl : ORDINAL (LPAREN NUMBER RPAREN | NUMBER) SECTION COLON? STRING? PERIOD ;
// 正文：“……”。  引语：“……”。  后语：“……”。  主送机关：“……”。  附注：“此件公开发布”。
proseDecl : kw=(BODY | LEAD | TAIL | ADDRESSEE | REMARK) COLON? STRING PERIOD ;
// 列表：“……”；“……”。   附件：“……”、“……”。   抄送：“……”，“……”。
listDecl : kw=(LIST | ATTACHMENT | COPY_TO) COLON? STRING ((ENUM_SEP | SEMI | COMMA | LIST_AND) STRING)* PERIOD ;
// 印发：“东昌府区人民政府办公室”，2024年2月21日。
printedDecl : PRINTED COLON? STRING (COMMA? DATE)? PERIOD ;

name : NAME ;
