// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target: the command parser against the engine that executes what
 * it accepts.  fuzz_cmd_parser.c, plus: every shadow the parser accepts
 * runs on the software GPU's executor (sgpu/exec.c, blt.c, compute.c,
 * mem.c, unmodified) behind a GGTT that maps the vGPU's slices as the
 * core does (guest pages, and its scratch page where the guest has none),
 * and must not fault: a fault there is the parser and the engine
 * disagreeing about a command (issue 9, item 5).  Same input and seeds
 * as the cmd_parser target.
 *
 * Copyright (C) 2026 The mvgpu developers
 */
#define FUZZ_EXEC
#include "fuzz_cmd_parser.c"
