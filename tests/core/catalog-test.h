/* catalog-test.h — what test-catalog.c, test-catalog-json.c and test-catalog-export.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "core/loket-catalog.h"

/* Agencies, sections and the field dictionary of a small catalog ("base.json"). */
extern const char catalog_test_base_json[];
/* Its services and a life event, in a second file ("services.json"). */
extern const char catalog_test_services_json[];

/* Loads one text (text2 NULL) or two; a failure must be LOKET_CATALOG_ERROR_INVALID. */
LoketCatalog *catalog_test_load_two        (const char          *name1,
                                            const char          *text1,
                                            const char          *name2,
                                            const char          *text2,
                                            GPtrArray          **problems);
/* base.json + services.json, which must load without a problem. */
LoketCatalog *catalog_test_load_good       (void);
/* problems are exactly expected (NULL-terminated), in order. */
void          catalog_test_assert_problems (GPtrArray           *problems,
                                            const char * const  *expected);
/* A folder of tests/core/catalogs. */
char         *catalog_test_test_data       (const char          *name);
/* Writes dir/name (making its folders); text is UTF-8. */
void          catalog_test_write_file      (const char          *dir,
                                            const char          *name,
                                            const char          *text);
void          catalog_test_remove_tree     (const char          *path);
