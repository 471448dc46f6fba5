// Zhengce (政策) as a library: check and compile policy texts, evaluate applicants, explain, render,
// format, simulate and compare two drafts; the keyword table. The command line, the tests and other front ends (a server, a language
// server) all use this API; docs/library.md shows it at work. Everything is in namespace zhengce.
#pragma once
#include "zhengce/diagnostics.h"
#include "zhengce/diff.h"
#include "zhengce/evaluate.h"
#include "zhengce/language.h"
#include "zhengce/policy.h"
#include "zhengce/simulate.h"
#include "zhengce/text.h"
