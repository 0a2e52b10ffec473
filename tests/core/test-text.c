/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-text.c — clean text at the door (sp-text.h) and the limits
 * (sp-limits.h) for every reader: feeds, the catalog adapters, voucher and
 * programme files, ledger CSV. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "sp-core.h"
#include "sp-import-private.h"
#include "sp-ledger-csv.h"
#include "sp-programme.h"
#include "sp-text.h"
#include "sp-voucher.h"
#include "sp-test-util.h"

/* ------------------------------------------------------------------ helpers */

/* as the cases name them */
#define find_offer sp_test_find_offer
#define find_skip sp_test_find_skip_row

static char *
repeat (const char *unit,
        guint       n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

/* ------------------------------------------------------------------ sp-text */

static void
test_clean (void)
{
  static const struct { const char *in; const char *out; guint removed; } cases[] = {
    { "plain", "plain", 0 },
    { "", "", 0 },
    /* every bidi control and zero-width character the issue lists */
    { "a\u202Ab\u202Bc\u202Cd\u202De\u202Ef", "abcdef", 5 },
    { "a\u2066b\u2067c\u2068d\u2069e", "abcde", 4 },
    { "a\u200Bb\u200Cc\u200Dd\u2060e\uFEFFf", "abcdef", 5 },
    /* and the bidi marks */
    { "\u200E\u200F\u061Cx", "x", 3 },
    { "H100 \u202Etxt.exe $ 1.0", "H100 txt.exe $ 1.0", 1 },
    /* Chinese, other scripts and emoji stay */
    { "阿里云 • Ωmega 🚀", "阿里云 • Ωmega 🚀", 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup (cases[i].in);
      g_autofree char *cleaned = NULL;
      guint removed = 0, removed2 = 0;

      g_assert_cmpint (sp_text_clean_in_place (text, SP_LIMIT_NAME_CHARS, &removed), ==,
                       SP_TEXT_OK);
      g_assert_cmpstr (text, ==, cases[i].out);
      g_assert_cmpuint (removed, ==, cases[i].removed);

      g_assert_cmpint (sp_text_check (cases[i].in, SP_LIMIT_NAME_CHARS, &cleaned, &removed2), ==,
                       SP_TEXT_OK);
      g_assert_cmpstr (cleaned != NULL ? cleaned : cases[i].in, ==, cases[i].out);
      g_assert_true ((cleaned != NULL) == (cases[i].removed > 0));
      g_assert_cmpuint (removed2, ==, cases[i].removed);
    }

  g_assert_cmpint (sp_text_clean_in_place (NULL, 1, NULL), ==, SP_TEXT_OK);
}

static void
test_limits (void)
{
  g_autofree char *ascii_256 = g_strnfill (256, 'x');
  g_autofree char *ascii_257 = g_strnfill (257, 'x');
  g_autofree char *han_256 = repeat ("算", 256);
  g_autofree char *han_257 = repeat ("算", 257);
  g_autofree char *zw = repeat ("\u200B", 300);
  g_autofree char *copy = NULL;

  g_assert_cmpint (sp_text_check (ascii_256, 256, NULL, NULL), ==, SP_TEXT_OK);
  g_assert_cmpint (sp_text_check (ascii_257, 256, NULL, NULL), ==, SP_TEXT_TOO_LONG);
  g_assert_cmpint (sp_text_check (han_256, 256, NULL, NULL), ==, SP_TEXT_OK);
  g_assert_cmpint (sp_text_check (han_257, 256, NULL, NULL), ==, SP_TEXT_TOO_LONG);
  /* the length counts the text as written, invisible characters too */
  g_assert_cmpint (sp_text_check (zw, 256, NULL, NULL), ==, SP_TEXT_TOO_LONG);

  /* invalid: a lone surrogate as json-glib stores it, a stray byte, an
   * overlong encoding; a failed check leaves the text as it was */
  g_assert_cmpint (sp_text_check ("x\xED\xA0\x80y", 256, NULL, NULL), ==, SP_TEXT_INVALID);
  g_assert_cmpint (sp_text_check ("x\xED\xBF\xBF", 256, NULL, NULL), ==, SP_TEXT_INVALID);
  g_assert_cmpint (sp_text_check ("\xff", 256, NULL, NULL), ==, SP_TEXT_INVALID);
  g_assert_cmpint (sp_text_check ("\xC0\x80", 256, NULL, NULL), ==, SP_TEXT_INVALID);
  /* the noncharacters that stand for a NUL or a lone surrogate */
  g_assert_cmpint (sp_text_check ("a\uFFFF", 256, NULL, NULL), ==, SP_TEXT_INVALID);
  g_assert_cmpint (sp_text_check ("\uFFFEb", 256, NULL, NULL), ==, SP_TEXT_INVALID);
  copy = g_strdup ("\u202E\xff");
  g_assert_cmpint (sp_text_clean_in_place (copy, 256, NULL), ==, SP_TEXT_INVALID);
  g_assert_cmpstr (copy, ==, "\u202E\xff");

  {
    g_autofree char *r1 = sp_text_dup_reason (SP_TEXT_TOO_LONG, "name", 256);
    g_autofree char *r2 = sp_text_dup_reason (SP_TEXT_INVALID, "id", 256);

    g_assert_cmpstr (r1, ==, "“name” is longer than 256 characters");
    g_assert_cmpstr (r2, ==, "“id” holds a NUL character or text that is not valid UTF-8");
    g_assert_null (sp_text_dup_reason (SP_TEXT_OK, "id", 256));
  }
}

static void
test_json_mark_invalid (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "[\"abc\"]", NULL },
    { "[\"a\\u0000one\"]", "[\"a\\uffffone\"]" },
    { "{\"\\u0000\":\"\\u0000\"}", "{\"\\uffff\":\"\\uffff\"}" },
    /* an escaped backslash then the text u0000: no NUL */
    { "[\"a\\\\u0000\"]", NULL },
    /* a proper surrogate pair stays; lone surrogates are marked, wherever
     * they are (json-glib would eat the closing quote after one) */
    { "[\"\\ud83d\\ude00\"]", NULL },
    { "[\"\\uD83D\\uDE00\"]", NULL },
    { "[\"x\\ud800\"]", "[\"x\\uffff\"]" },
    { "[\"\\udc00y\"]", "[\"\\uffffy\"]" },
    { "[\"\\uD800\\u0041\"]", "[\"\\uffff\\u0041\"]" },
    { "[\"\\ud800\\u0000\"]", "[\"\\uffff\\uffff\"]" },
    { "[\"\\u0000\\udc00\"]", "[\"\\uffff\\uffff\"]" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = sp_text_json_mark_invalid (cases[i].in, strlen (cases[i].in));

      g_assert_cmpstr (out, ==, cases[i].out);
    }
  g_assert_null (sp_text_json_mark_invalid (NULL, 0));
  g_assert_null (sp_text_json_mark_invalid ("\\u00", 4));

  /* what json-glib makes of the marked text fails the check */
  {
    const char *in = "[\"a\\u0000one\", \"b\\ud800\"]";
    g_autofree char *marked = sp_text_json_mark_invalid (in, strlen (in));
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *array;

    g_assert_true (json_parser_load_from_data (parser, marked, -1, NULL));
    array = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "a\uFFFFone");
    g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "b\uFFFF");
    g_assert_cmpint (sp_text_check (json_array_get_string_element (array, 0), 256, NULL, NULL),
                     ==, SP_TEXT_INVALID);
    g_assert_cmpint (sp_text_check (json_array_get_string_element (array, 1), 256, NULL, NULL),
                     ==, SP_TEXT_INVALID);
  }
}

static void
test_message_and_intern (void)
{
  g_autofree char *long_text = g_strnfill (5000, 'y');
  g_autofree char *huge = g_strnfill (100000, 'z');
  g_autofree char *m1 = sp_text_dup_for_message ("ok “quoted” 算力", 64);
  g_autofree char *m2 = sp_text_dup_for_message ("a\u202Eb\nc\xff", 64);
  g_autofree char *m3 = sp_text_dup_for_message (long_text, 10);
  const char *placeholder;

  g_assert_cmpstr (m1, ==, "ok “quoted” 算力");
  g_assert_cmpstr (m2, ==, "abc\uFFFD");
  g_assert_cmpstr (m3, ==, "yyyyyyyyyy…");
  g_assert_null (sp_text_dup_for_message (NULL, 10));

  g_assert_true (sp_text_intern ("region-1") == g_intern_string ("region-1"));
  g_assert_null (sp_text_intern (NULL));
  /* a huge text is not kept: a placeholder too long for any one-line field */
  placeholder = sp_text_intern (huge);
  g_assert_cmpuint (strlen (placeholder), ==, SP_LIMIT_NAME_CHARS + 1);
  g_assert_true (sp_text_intern (long_text) == placeholder);
  g_assert_cmpint (sp_text_check (placeholder, SP_LIMIT_NAME_CHARS, NULL, NULL), ==,
                   SP_TEXT_TOO_LONG);
}

/* ------------------------------------------------------------------ feeds */

/* tests/data/feeds/hostile-text.json, one case per offer (rows 1–15) */
static void
test_feed (void)
{
  g_autofree char *path = sp_test_source_path ("tests/data/feeds/hostile-text.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = NULL;
  g_auto(GStrv) summary = NULL;
  SpOffer *offer;
  static const struct { guint row; const char *reason; } skipped[] = {
    { 1, "“id” holds a NUL character or text that is not valid UTF-8" },   /* a\u0000one */
    { 2, "“id” holds a NUL character or text that is not valid UTF-8" },   /* a\u0000two */
    { 3, "“name” holds a NUL character or text that is not valid UTF-8" }, /* \ud800 */
    { 8, "“name” is longer than 256 characters" },
    { 10, "“note” is longer than 2048 characters" },
    { 12, "“id” is longer than 256 characters" },
    { 13, "“price.tiers” has more than 32 tiers" },
  };

  result = sp_import_parse_file (path, SP_FEED_FORMAT_AUTO, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_import_result_get_rows_read (result), ==, 15);
  g_assert_cmpuint (sp_import_result_get_rows_skipped (result), ==, G_N_ELEMENTS (skipped));
  g_assert_cmpuint (sp_import_result_get_rows_normalized (result), ==, 8);
  for (gsize i = 0; i < G_N_ELEMENTS (skipped); i++)
    {
      const SpImportSkip *skip = find_skip (result, skipped[i].row);

      g_assert_nonnull (skip);
      g_assert_cmpstr (skip->reason, ==, skipped[i].reason);
      /* keys are shown: valid UTF-8, at most 256 characters and "…" */
      g_assert_true (skip->key == NULL || g_utf8_validate (skip->key, -1, NULL));
      g_assert_true (skip->key == NULL || g_utf8_strlen (skip->key, -1) <= 257);
    }
  /* the two ids that json-glib would both have cut to "a" are refused, not
   * mistaken for duplicates */
  g_assert_null (find_offer (result, "a"));

  /* invisible characters removed, counted: U+202E (rlo), U+200B and U+200D
   * and the region's two isolates (zw-id), U+202E and U+FEFF (vendor-rlo),
   * and the feed vendor's U+200B in each of the 8 offers */
  g_assert_cmpuint (sp_import_result_get_chars_removed (result), ==, 14);
  g_assert_cmpuint (sp_import_result_get_offers_cleaned (result), ==, 8);
  g_assert_cmpstr (sp_import_result_get_vendor_name (result), ==, "Hostile Text");

  offer = find_offer (result, "rlo");
  g_assert_nonnull (offer);
  g_assert_cmpstr (sp_offer_get_name (offer), ==, "H100 txt.exe $ 1.0");
  g_assert_cmpstr (sp_offer_get_vendor_name (offer), ==, "Hostile Text");

  offer = find_offer (result, "zw-id");
  g_assert_nonnull (offer);
  g_assert_cmpstr (sp_offer_get_name (offer), ==, "Zerowidth");
  g_assert_cmpstr (sp_offer_get_region (offer), ==, "cn-north");

  offer = find_offer (result, "vendor-rlo");
  g_assert_nonnull (offer);
  g_assert_cmpstr (sp_offer_get_vendor_id (offer), ==, "evil");
  g_assert_cmpstr (sp_offer_get_vendor_name (offer), ==, "GoodCloud");
  g_assert_cmpstr (sp_offer_get_vendor_name_zh (offer), ==, "好云");

  /* at the limits: accepted */
  offer = find_offer (result, "name-256");
  g_assert_nonnull (offer);
  g_assert_cmpuint (strlen (sp_offer_get_name (offer)), ==, 256);
  g_assert_nonnull (find_offer (result, "note-2048"));
  g_assert_nonnull (find_offer (result, "tiers-32"));
  {
    g_autofree char *is = g_strnfill (253, 'i');
    g_autofree char *id = g_strconcat ("id-", is, NULL);

    g_assert_nonnull (find_offer (result, id));
  }
  g_assert_nonnull (find_offer (result, "plain"));

  summary = sp_import_result_dup_skip_summary (result);
  g_assert_cmpstr (summary[0], ==,
                   "2 × “id” holds a NUL character or text that is not valid UTF-8");
}

/* A feed vendor name beyond the limit refuses the file's every offer, and
 * the huge text is not kept interned. */
static void
test_feed_vendor_too_long (void)
{
  g_autofree char *name = g_strnfill (1000000, 'v');
  g_autofree char *feed = g_strdup_printf (
    "{\"suanpan_feed\":\"1.0\",\"vendor\":{\"id\":\"v\",\"name\":{\"en\":\"%s\"}},"
    "\"offers\":[{\"id\":\"o\",\"kind\":\"cpu\",\"name\":\"n\","
    "\"price\":{\"currency\":\"CNY\",\"per_unit\":\"1\"}}]}", name);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = NULL;

  result = sp_import_parse (feed, strlen (feed), SP_FEED_FORMAT_SUANPAN, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==,
                   "The catalog holds no usable offer (1 entries read, 1 skipped).");
}

/* Offers per feed: the rest are skipped, counted in one line. */
static void
test_offers_per_feed (void)
{
  g_autoptr(GString) csv = g_string_new ("InstanceType,vCPUs,Price\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) result = NULL;
  g_auto(GStrv) summary = NULL;
  g_autofree char *line = NULL;

  for (guint i = 0; i < SP_LIMIT_OFFERS_PER_FEED + 2; i++)
    g_string_append_printf (csv, "c%u,2,1\n", i);
  result = sp_import_parse (csv->str, csv->len, SP_FEED_FORMAT_SKYPILOT, "x", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (result), ==, SP_LIMIT_OFFERS_PER_FEED);
  g_assert_cmpuint (sp_import_result_get_rows_skipped (result), ==, 2);
  g_assert_cmpuint (sp_import_result_get_skips (result)->len, ==, 0);
  summary = sp_import_result_dup_skip_summary (result);
  line = g_strdup_printf ("2 × beyond the limit of %u offers in one feed",
                          SP_LIMIT_OFFERS_PER_FEED);
  g_assert_cmpstr (summary[0], ==, line);
  g_assert_null (summary[1]);
}

/* The door is in sp_import_result_add_offer: the catalog adapters get it. */
static void
test_litellm_and_openrouter (void)
{
  const char *litellm =
    "{\"a\\u0000one\": {\"litellm_provider\": \"openai\", \"mode\": \"chat\","
    "  \"input_cost_per_token\": 1e-06, \"output_cost_per_token\": 2e-06},"
    " \"a\\u0000two\": {\"litellm_provider\": \"openai\", \"mode\": \"chat\","
    "  \"input_cost_per_token\": 1e-06, \"output_cost_per_token\": 2e-06},"
    " \"gpt\\u200b-x\": {\"litellm_provider\": \"open\\u202eai\", \"mode\": \"chat\","
    "  \"input_cost_per_token\": 1e-06, \"output_cost_per_token\": 2e-06}}";
  const char *openrouter =
    "{\"data\": [{\"id\": \"v/m\\ud800\", \"name\": \"V: M\","
    "  \"pricing\": {\"prompt\": \"0.000001\", \"completion\": \"0.000002\"}},"
    " {\"id\": \"v/ok\", \"name\": \"V: \\u2066OK\\u2069\","
    "  \"pricing\": {\"prompt\": \"0.000001\", \"completion\": \"0.000002\"}}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) r1 = NULL;
  g_autoptr(SpImportResult) r2 = NULL;
  GPtrArray *offers;
  SpOffer *offer;

  r1 = sp_import_parse (litellm, strlen (litellm), SP_FEED_FORMAT_LITELLM, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (r1), ==, 1);
  g_assert_cmpuint (sp_import_result_get_rows_skipped (r1), ==, 2);
  g_assert_cmpstr (g_array_index (sp_import_result_get_skips (r1), SpImportSkip, 0).reason, ==,
                   "“id” holds a NUL character or text that is not valid UTF-8");
  offers = sp_import_result_get_offers (r1);
  offer = offers->pdata[0];
  g_assert_cmpstr (sp_offer_get_id (offer), ==, "gpt-x");
  g_assert_cmpstr (sp_offer_get_vendor_id (offer), ==, "openai");
  g_assert_cmpuint (sp_import_result_get_chars_removed (r1), >=, 2);

  r2 = sp_import_parse (openrouter, strlen (openrouter), SP_FEED_FORMAT_OPENROUTER, NULL, NULL,
                        &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (r2), ==, 1);
  g_assert_cmpuint (sp_import_result_get_rows_skipped (r2), ==, 1);
  offer = g_ptr_array_index (sp_import_result_get_offers (r2), 0);
  g_assert_cmpstr (sp_offer_get_id (offer), ==, "v/ok");
  g_assert_null (strstr (sp_offer_get_name (offer), "\u2066"));
}

/* ------------------------------------------------------------------ vouchers */

static void
test_voucher_files (void)
{
  static const struct { const char *json; const char *error; } refused[] = {
    { "{\"suanpan_vouchers\":\"1.0\",\"vouchers\":[{\"code\":\"A\\u0000B\",\"kind\":\"discount\","
      "\"percent\":\"10\"}]}",
      "“vouchers[0].code” holds a NUL character or text that is not valid UTF-8" },
    { "{\"suanpan_vouchers\":\"1.0\",\"vouchers\":[{\"code\":\"AB\",\"kind\":\"discount\","
      "\"percent\":\"10\",\"label\":{\"en\":\"x\\udc00\"}}]}",
      "“vouchers[0].label.en” holds a NUL character or text that is not valid UTF-8" },
  };
  g_autofree char *long_label = g_strnfill (257, 'L');
  g_autofree char *too_long = g_strdup_printf (
    "{\"suanpan_vouchers\":\"1.0\",\"vouchers\":[{\"code\":\"AB\",\"kind\":\"discount\","
    "\"percent\":\"10\",\"label\":\"%s\"}]}", long_label);
  const char *bidi =
    "{\"suanpan_vouchers\":\"1.0\",\"vouchers\":[{\"code\":\"A\\u200bB\",\"kind\":\"discount\","
    "\"percent\":\"10\",\"label\":\"Good\\u202evoucher\"}]}";
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GPtrArray) none = sp_voucher_list_from_data (refused[i].json,
                                                             strlen (refused[i].json), &error);
      g_assert_null (none);
      g_assert_error (error, SP_VOUCHER_ERROR, SP_VOUCHER_ERROR_SHAPE);
      g_assert_cmpstr (error->message, ==, refused[i].error);
      g_clear_error (&error);
    }

  list = sp_voucher_list_from_data (too_long, strlen (too_long), &error);
  g_assert_null (list);
  g_assert_cmpstr (error->message, ==, "“vouchers[0].label” is longer than 256 characters");
  g_clear_error (&error);

  list = sp_voucher_list_from_data (bidi, strlen (bidi), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (sp_voucher_get_code (list->pdata[0]), ==, "AB");
  g_assert_cmpstr (sp_voucher_get_label (list->pdata[0]), ==, "Goodvoucher");
}

static void
test_programme_files (void)
{
  g_autofree char *notes_2048 = g_strnfill (2048, 'n');
  g_autofree char *notes_2049 = g_strnfill (2049, 'n');
#define PROGRAMME_FORMAT \
    "{\"suanpan_programmes\":\"1.0\",\"programmes\":[{\"id\":\"p\",\"name\":\"%s\"," \
    "\"notes\":\"%s\",\"rates\":{\"model-service\":\"10\"}}]}"
  g_autofree char *ok = g_strdup_printf (PROGRAMME_FORMAT, "P\\u202eQ", notes_2048);
  g_autofree char *long_notes = g_strdup_printf (PROGRAMME_FORMAT, "P", notes_2049);
  g_autofree char *nul = g_strdup_printf (PROGRAMME_FORMAT, "P\\u0000Q", "n");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  list = sp_programme_list_from_data (ok, strlen (ok), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sp_programme_get_name_en (list->pdata[0]), ==, "PQ");
  g_assert_cmpuint (strlen (sp_programme_get_notes (list->pdata[0])), ==, 2048);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = sp_programme_list_from_data (long_notes, strlen (long_notes), &error);
  g_assert_null (list);
  g_assert_cmpstr (error->message, ==, "“programmes[0].notes” is longer than 2048 characters");
  g_clear_error (&error);

  list = sp_programme_list_from_data (nul, strlen (nul), &error);
  g_assert_null (list);
  g_assert_cmpstr (error->message, ==,
                   "“programmes[0].name” holds a NUL character or text that is not valid UTF-8");
}

/* ------------------------------------------------------------------ ledger CSV */

static gboolean
keep_row (SpLedgerEntry  *entry,
          guint           line,
          gpointer        user_data,
          GError        **error)
{
  GPtrArray *rows = user_data;

  g_ptr_array_add (rows, g_strdup_printf ("%s|%s|%s", entry->vendor, entry->item,
                                          entry->note != NULL ? entry->note : ""));
  return TRUE;
}

static void
test_ledger_csv (void)
{
  const char *header = "date,vendor,item,kind,quantity,unit,amount,currency,category,note\n";
  g_autofree char *note_2048 = g_strnfill (2048, 'n');
  g_autofree char *note_2049 = g_strnfill (2049, 'n');
  g_autofree char *vendor_257 = g_strnfill (257, 'v');
  g_autofree char *good = g_strdup_printf (
    "%s2026-03-01,Good\u202ECloud,H100\u200B,gpu,1,card-hours,10,CNY,domestic-compute,%s\n",
    header, note_2048);
  g_autofree char *bad = g_strdup_printf (
    "%s2026-03-01,A,B,gpu,1,card-hours,10,CNY,domestic-compute,%s\n"
    "2026-03-01,%s,B,gpu,1,card-hours,10,CNY,domestic-compute,x\n",
    header, note_2049, vendor_257);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SpLedgerCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) nul = g_string_new (header);
  g_autofree char *expected = NULL;
  SpLedgerCsvError *e;

  g_assert_true (sp_ledger_csv_read (good, strlen (good), 10, keep_row, rows, &report, &error));
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_cmpuint (rows->len, ==, 1);
  expected = g_strdup_printf ("GoodCloud|H100|%s", note_2048);
  g_assert_cmpstr (rows->pdata[0], ==, expected);
  g_clear_pointer (&report, sp_ledger_csv_report_free);

  g_assert_true (sp_ledger_csv_read (bad, strlen (bad), 10, NULL, NULL, &report, &error));
  g_assert_cmpuint (report->n_errors, ==, 2);
  e = report->errors->pdata[0];
  g_assert_cmpuint (e->line, ==, 2);
  g_assert_cmpstr (e->reason, ==, "“note” is longer than 2048 characters");
  e = report->errors->pdata[1];
  g_assert_cmpuint (e->line, ==, 3);
  g_assert_cmpstr (e->reason, ==, "“vendor” is longer than 256 characters");
  g_clear_pointer (&report, sp_ledger_csv_report_free);

  /* a NUL byte in a cell */
  g_string_append (nul, "2026-03-01,A");
  g_string_append_c (nul, '\0');
  g_string_append (nul, "B,C,gpu,1,card-hours,10,CNY,domestic-compute,\n");
  g_assert_true (sp_ledger_csv_read (nul->str, nul->len, 10, NULL, NULL, &report, &error));
  g_assert_cmpuint (report->n_errors, ==, 1);
  g_assert_cmpuint (report->n_rows, ==, 0);
  e = report->errors->pdata[0];
  g_assert_cmpuint (e->line, ==, 2);
  g_assert_cmpstr (e->reason, ==, "the text holds a NUL character");
}

/* sp_text_read_number (): digits up to a bound, the rest left to the caller */
static void
test_read_number (void)
{
  const char *p = "730h";
  guint64 n = 0;

  g_assert_true (sp_text_read_number (&p, 744, &n));
  g_assert_cmpuint (n, ==, 730);
  g_assert_cmpstr (p, ==, "h");

  p = "745h";
  g_assert_false (sp_text_read_number (&p, 744, &n));
  g_assert_cmpstr (p, ==, "745h");
  p = "h730";
  g_assert_false (sp_text_read_number (&p, 744, &n));
  p = "";
  g_assert_false (sp_text_read_number (&p, 744, &n));
  p = "99999999999999999999999999";
  g_assert_false (sp_text_read_number (&p, 1000000000, &n));
  p = "0";
  g_assert_true (sp_text_read_number (&p, 0, &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpstr (p, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  sp_test_init_core (&argc, &argv);

  g_test_add_func ("/core/text/clean", test_clean);
  g_test_add_func ("/core/text/limits", test_limits);
  g_test_add_func ("/core/text/json-mark-invalid", test_json_mark_invalid);
  g_test_add_func ("/core/text/message-and-intern", test_message_and_intern);
  g_test_add_func ("/core/text/feed", test_feed);
  g_test_add_func ("/core/text/feed-vendor-too-long", test_feed_vendor_too_long);
  g_test_add_func ("/core/text/offers-per-feed", test_offers_per_feed);
  g_test_add_func ("/core/text/litellm-and-openrouter", test_litellm_and_openrouter);
  g_test_add_func ("/core/text/voucher-files", test_voucher_files);
  g_test_add_func ("/core/text/programme-files", test_programme_files);
  g_test_add_func ("/core/text/ledger-csv", test_ledger_csv);
  g_test_add_func ("/core/text/read-number", test_read_number);
  return g_test_run ();
}
