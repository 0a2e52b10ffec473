/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import.c — format detection, dispatch, the import report, queries */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <glib-unix.h>

#include "sp-core.h"
#include "sp-import-private.h"
#include "sp-test-util.h"

static void
test_detect (void)
{
  const char *feed = "{\"suanpan_feed\": \"1.0\", \"offers\": []}";
  const char *litellm = "{\n    \"sample_spec\": {}, \"gpt\": {\"litellm_provider\": \"openai\"}}";
  const char *openrouter = "{\"data\":[{\"id\":\"a/b\",\"pricing\":{\"prompt\":\"0\"}}]}";
  const char *sky = "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,Price\r\n";
  const char *bom = "\xEF\xBB\xBF  {\"suanpan_feed\":\"1.0\"}";

  g_assert_cmpint (sp_feed_format_detect (feed, strlen (feed), NULL), ==, SP_FEED_FORMAT_SUANPAN);
  g_assert_cmpint (sp_feed_format_detect (litellm, strlen (litellm), NULL), ==, SP_FEED_FORMAT_LITELLM);
  g_assert_cmpint (sp_feed_format_detect (openrouter, strlen (openrouter), NULL), ==, SP_FEED_FORMAT_OPENROUTER);
  g_assert_cmpint (sp_feed_format_detect (sky, strlen (sky), "x.csv"), ==, SP_FEED_FORMAT_SKYPILOT);
  g_assert_cmpint (sp_feed_format_detect (bom, strlen (bom), NULL), ==, SP_FEED_FORMAT_SUANPAN);
  g_assert_cmpint (sp_feed_format_detect ("hello", 5, NULL), ==, SP_FEED_FORMAT_AUTO);
  g_assert_cmpint (sp_feed_format_detect ("{}", 2, NULL), ==, SP_FEED_FORMAT_AUTO);
}

static void
test_detect_real_catalogs (void)
{
  static const struct { const char *path; SpFeedFormat format; } cases[] = {
    { "litellm/model_prices_and_context_window.json", SP_FEED_FORMAT_LITELLM },
    { "openrouter/openrouter_models_2026-08-01.json", SP_FEED_FORMAT_OPENROUTER },
    { "openrouter_2025-07_tools/openrouter_models.json", SP_FEED_FORMAT_OPENROUTER },
    { "skypilot/v8_vast_vms.csv", SP_FEED_FORMAT_SKYPILOT },
    { "skypilot/v8_aws_vms.gpu_excerpt.csv", SP_FEED_FORMAT_SKYPILOT },
    { "skypilot/v8_runpod_vms.tail.csv", SP_FEED_FORMAT_SKYPILOT },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = sp_test_catalog (cases[i].path);
      g_autofree char *data = NULL;
      gsize len;

      if (path == NULL)
        return;
      data = sp_test_read_file (path, &len);
      g_assert_cmpint (sp_feed_format_detect (data, len, path), ==, cases[i].format);
    }
}

static void
test_format_strings (void)
{
  SpFeedFormat f;

  g_assert_true (sp_feed_format_from_string ("SkyPilot", &f));
  g_assert_cmpint (f, ==, SP_FEED_FORMAT_SKYPILOT);
  g_assert_false (sp_feed_format_from_string ("xml", &f));
  g_assert_cmpstr (sp_feed_format_to_string (SP_FEED_FORMAT_OPENROUTER), ==, "openrouter");
}

static void
test_unknown_and_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) r = NULL;

  r = sp_import_parse ("hello world", 11, SP_FEED_FORMAT_AUTO, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_UNKNOWN_FORMAT);
  g_clear_error (&error);

  r = sp_import_parse ("", 0, SP_FEED_FORMAT_AUTO, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_EMPTY);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) r = NULL;

  r = sp_import_parse_file ("/nonexistent/catalog.json", SP_FEED_FORMAT_AUTO, NULL, &error);
  g_assert_null (r);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent/catalog.json"));
}

static void
test_result_bookkeeping (void)
{
  g_autoptr(SpImportResult) r = sp_import_result_new (SP_FEED_FORMAT_SUANPAN, "src");
  SpOffer *a = sp_offer_new ();
  SpOffer *b = sp_offer_new ();
  SpOffer *c = sp_offer_new ();
  g_auto(GStrv) summary = NULL;

  a->id = g_strdup ("x");
  b->id = g_strdup ("x");  /* duplicate */
  sp_import_result_row_read (r);
  sp_import_result_add_offer (r, 1, a);
  sp_import_result_row_read (r);
  sp_import_result_add_offer (r, 2, b);
  sp_import_result_row_read (r);
  sp_import_result_add_offer (r, 3, c); /* no id */
  sp_import_result_row_read (r);
  sp_import_result_skip (r, 4, "y", "%s", "no price");

  g_assert_cmpuint (sp_import_result_get_rows_read (r), ==, 4);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (r), ==, 1);
  g_assert_cmpuint (sp_import_result_get_rows_skipped (r), ==, 3);
  g_assert_cmpstr (sp_offer_get_source (g_ptr_array_index (sp_import_result_get_offers (r), 0)), ==, "src");
  summary = sp_import_result_dup_skip_summary (r);
  g_assert_cmpuint (g_strv_length (summary), ==, 3);
}

static void
test_demo_feed_and_query (void)
{
  g_autoptr(GBytes) bytes = sp_core_dup_demo_feed ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) r = NULL;
  g_autoptr(SpPriceContext) ctx = sp_price_context_new ();
  g_autoptr(GPtrArray) gpus = NULL;
  g_autoptr(GPtrArray) searched = NULL;
  SpOfferQuery q = { .filter_kind = TRUE, .kind = SP_OFFER_KIND_GPU, .sort = SP_OFFER_SORT_PRICE };
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  SpMoney prev = G_MININT64;

  r = sp_import_parse (data, len, SP_FEED_FORMAT_AUTO, SP_DEMO_SOURCE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (r), >=, 24);
  g_assert_cmpuint (sp_import_result_get_rows_skipped (r), ==, 0);

  gpus = sp_offer_query_run (sp_import_result_get_offers (r), &q, ctx);
  g_assert_cmpuint (gpus->len, >, 3);
  for (guint i = 0; i < gpus->len; i++)
    {
      SpOffer *o = g_ptr_array_index (gpus, i);
      SpMoney n = sp_price_context_normalize (ctx, o, SP_PRICE_MAIN);

      g_assert_cmpint (sp_offer_get_kind (o), ==, SP_OFFER_KIND_GPU);
      g_assert_true (sp_offer_get_demo (o));
      if (n != SP_MONEY_UNKNOWN)
        {
          g_assert_cmpint (n, >=, prev);  /* cheapest first */
          prev = n;
        }
    }

  q.filter_kind = FALSE;
  q.search = "h100";
  q.limit = 2;
  searched = sp_offer_query_run (sp_import_result_get_offers (r), &q, ctx);
  g_assert_cmpuint (searched->len, ==, 2);
  for (guint i = 0; i < searched->len; i++)
    g_assert_true (sp_offer_matches_search (g_ptr_array_index (searched, i), "H100"));
}

/* The complete example of docs/feed-format.md reads without a skip. */
static void
test_spec_example (void)
{
  g_autofree char *path = sp_test_source_path ("docs/feed-example.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportResult) r = NULL;

  r = sp_import_parse_file (path, SP_FEED_FORMAT_AUTO, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_import_result_get_format (r), ==, SP_FEED_FORMAT_SUANPAN);
  g_assert_cmpuint (sp_import_result_get_rows_skipped (r), ==, 0);
  g_assert_cmpuint (sp_import_result_get_rows_normalized (r), ==, sp_import_result_get_rows_read (r));
  g_assert_cmpuint (sp_import_result_get_rows_read (r), >, 0);
}

typedef struct {
  int   fd;
  gsize n;
} PipeWriter;

static gpointer
write_pipe (gpointer user_data)
{
  PipeWriter *w = user_data;
  char block[4096];

  memset (block, 'a', sizeof block);
  for (gsize done = 0; done < w->n;)
    {
      gssize n = write (w->fd, block, MIN (sizeof block, w->n - done));

      if (n <= 0)
        break;
      done += (gsize) n;
    }
  close (w->fd);
  return NULL;
}

/* Reads @n bytes written into a pipe through /proc/self/fd (the path a
 * shell's /dev/stdin is), with @max_size. */
static char *
read_pipe (gsize    n,
           gsize    max_size,
           gsize   *len,
           GError **error)
{
  int fds[2];
  PipeWriter w;
  GThread *thread;
  g_autofree char *path = NULL;
  char *data;

  g_assert_true (g_unix_open_pipe (fds, FD_CLOEXEC, NULL));
  w.fd = fds[1];
  w.n = n;
  thread = g_thread_new ("writer", write_pipe, &w);
  path = g_strdup_printf ("/proc/self/fd/%d", fds[0]);
  data = sp_import_read_input (path, max_size, len, error);
  close (fds[0]);  /* a writer still writing gets EPIPE */
  g_thread_join (thread);
  return data;
}

/* Issue 14 item 6: a pipe is read whole (its buffer grows past 64 KiB) or
 * refused over the limit; a regular file of exactly the limit is read. */
static void
test_read_input_pipe_and_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpTestDir) dir = sp_test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "exact.csv", NULL);
  g_autofree char *data = NULL;
  g_autofree char *big = NULL;
  g_autofree char *exact = NULL;
  gsize len = 0;

  signal (SIGPIPE, SIG_IGN);
  data = read_pipe (200000, 1000000, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, ==, 200000);
  g_assert_cmpint (data[len - 1], ==, 'a');
  g_assert_cmpint (data[len], ==, '\0');

  big = read_pipe (300000, 100000, &len, &error);
  g_assert_null (big);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_FILE);
  g_assert_true (g_str_has_suffix (error->message, "” is larger than the limit of 100.0\u00a0kB"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "date\n", 5, NULL));
  exact = sp_import_read_input (path, 5, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exact, ==, "date\n");
  g_clear_pointer (&exact, g_free);
  exact = sp_import_read_input (path, 4, &len, &error);
  g_assert_null (exact);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_FILE);
}

/* Offer records (HACKING.md "Ingest", seventh pass): a refused record is
 * handed out again, records and objects keep their order, and
 * sp_import_result_get_offers () gives objects with the records' fields,
 * owning their texts. */
static void
test_offer_records (void)
{
  g_autoptr(SpImportResult) r = sp_import_result_new (SP_FEED_FORMAT_SKYPILOT, "src");
  g_autoptr(GPtrArray) kept = NULL;
  SpOffer *rec, *again, *obj;
  GPtrArray *peeked, *offers;
  char *id;

  rec = sp_import_result_new_record (r);
  g_assert_cmpint (rec->price, ==, SP_MONEY_UNKNOWN);
  g_assert_cmpint (rec->host_price, ==, SP_MONEY_UNKNOWN);
  g_assert_cmpstr (rec->currency, ==, "USD");
  rec->id = sp_import_result_strdup (r, "a@r/z");
  rec->name = sp_import_result_strdup (r, "a\u200b-name");
  rec->kind = SP_OFFER_KIND_CPU;
  rec->price = 1234;
  rec->list_price = sp_import_result_strdup (r, "0.5");
  sp_import_result_add_record (r, 2, rec);

  obj = sp_import_offer_new ("b", NULL, "v", "V", NULL, "b", "b", SP_BILLING_SPOT, "CNY");
  sp_import_result_add_offer (r, 3, obj);

  /* the same id again: refused, and its slot is handed out again */
  rec = sp_import_result_new_record (r);
  id = sp_import_result_text_alloc (r, 6);
  memcpy (id, "a@r/z", 6);
  rec->id = id;
  rec->tiers = g_array_new (FALSE, FALSE, sizeof (SpTokenTier));
  sp_import_result_add_record (r, 4, rec);
  again = sp_import_result_new_record (r);
  g_assert_true (again == rec);
  g_assert_null (again->tiers);
  again->id = sp_import_result_strdup (r, "c");
  again->note = sp_import_result_strdup (r, "note");
  again->tiers = g_array_new (FALSE, FALSE, sizeof (SpTokenTier));
  sp_import_result_add_record (r, 5, again);

  g_assert_cmpuint (sp_import_result_get_rows_normalized (r), ==, 3);
  g_assert_cmpuint (sp_import_result_get_skips (r)->len, ==, 1);
  g_assert_cmpuint (g_array_index (sp_import_result_get_skips (r), SpImportSkip, 0).row, ==, 4);
  /* the invisible character left the name at the door, and was counted */
  g_assert_cmpuint (sp_import_result_get_chars_removed (r), ==, 1);

  peeked = sp_import_result_peek_offer_records (r);
  g_assert_cmpuint (peeked->len, ==, 3);
  g_assert_cmpstr (((SpOffer *) g_ptr_array_index (peeked, 0))->name, ==, "a-name");
  g_assert_true (g_ptr_array_index (peeked, 1) == obj);

  offers = sp_import_result_get_offers (r);
  g_assert_true (offers == peeked);
  for (guint i = 0; i < offers->len; i++)
    g_assert_true (SP_IS_OFFER (g_ptr_array_index (offers, i)));
  g_assert_true (g_ptr_array_index (offers, 1) == obj);
  obj = g_ptr_array_index (offers, 0);
  g_assert_cmpstr (sp_offer_get_id (obj), ==, "a@r/z");
  g_assert_cmpstr (sp_offer_get_name (obj), ==, "a-name");
  g_assert_cmpstr (sp_offer_get_source (obj), ==, "src");
  g_assert_cmpint (sp_offer_get_price (obj), ==, 1234);
  g_assert_cmpint (sp_offer_get_kind (obj), ==, SP_OFFER_KIND_CPU);
  g_assert_cmpstr (sp_offer_get_currency (obj), ==, "USD");
  obj = g_ptr_array_index (offers, 2);
  g_assert_cmpstr (sp_offer_get_id (obj), ==, "c");
  g_assert_cmpstr (obj->note, ==, "note");
  g_assert_nonnull (sp_offer_get_tiers (obj));
  /* asked again: the same objects */
  g_assert_true (g_ptr_array_index (sp_import_result_get_offers (r), 2) == obj);

  /* the objects outlive the result, their texts with them */
  kept = g_ptr_array_ref (offers);
  g_clear_object (&r);
  g_assert_cmpstr (sp_offer_get_name (g_ptr_array_index (kept, 0)), ==, "a-name");
  g_assert_cmpstr (((SpOffer *) g_ptr_array_index (kept, 2))->note, ==, "note");
}

int
main (int argc, char **argv)
{
  sp_core_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/import/detect", test_detect);
  g_test_add_func ("/core/import/detect-real-catalogs", test_detect_real_catalogs);
  g_test_add_func ("/core/import/format-strings", test_format_strings);
  g_test_add_func ("/core/import/unknown-and-empty", test_unknown_and_empty);
  g_test_add_func ("/core/import/missing-file", test_missing_file);
  g_test_add_func ("/core/import/result-bookkeeping", test_result_bookkeeping);
  g_test_add_func ("/core/import/offer-records", test_offer_records);
  g_test_add_func ("/core/import/demo-feed-and-query", test_demo_feed_and_query);
  g_test_add_func ("/core/import/spec-example", test_spec_example);
  g_test_add_func ("/core/import/read-input-pipe-and-limit", test_read_input_pipe_and_limit);
  return g_test_run ();
}
