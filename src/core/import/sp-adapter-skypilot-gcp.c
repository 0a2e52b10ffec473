/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-adapter-skypilot-gcp.c — GCP's GPU offers: accelerator rows and GPU
 * machine types wait for the end of the file, then each is paired with its
 * host (see the comment on GcpRow in sp-adapter-skypilot-private.h) */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sp-adapter-skypilot-private.h"
#include "sp-text.h"
#include "sp-vendors.h"

/* ---------------------------------------------------------------- GCP */

static const char *gcp_n1_gpus[] = { "T4", "V100", "P100", "P4", "K80" };

/* GPU machine types: family prefix, the accelerator row they take (as GCP
 * writes its name) and the precise GPU model; the count is in the type,
 * "a3-highgpu-8g" (8), "a3-edgegpu-8g-nolssd" (8). */
static const struct {
  const char *prefix;
  const char *accel;
  const char *model;
} gcp_gpu_families[] = {
  { "a2-highgpu-", "A100", "A100 SXM" },
  { "a2-megagpu-", "A100", "A100 SXM" },
  { "a2-ultragpu-", "A100-80GB", "A100 SXM 80GB" },
  { "a3-highgpu-", "H100", "H100 SXM" },
  { "a3-edgegpu-", "H100", "H100 SXM" },
  { "a3-megagpu-", "H100-MEGA", "H100 Mega" },
  { "a3-ultragpu-", "H200", "H200 SXM" },
  { "a4-highgpu-", "B200", "B200" },
};

/* g2-standard-N: N vCPUs and a fixed number of L4s */
static const struct {
  const char *type;
  guint       count;
} gcp_g2_types[] = {
  { "g2-standard-4", 1 }, { "g2-standard-8", 1 }, { "g2-standard-12", 1 },
  { "g2-standard-16", 1 }, { "g2-standard-24", 2 }, { "g2-standard-32", 1 },
  { "g2-standard-48", 4 }, { "g2-standard-96", 8 },
};

GcpMachine
sp_skypilot_gcp_machine_gpus (const char  *type,
                              const char **accel,
                              guint       *count,
                              const char **model)
{
  for (guint i = 0; i < G_N_ELEMENTS (gcp_g2_types); i++)
    if (strcmp (type, gcp_g2_types[i].type) == 0)
      {
        *accel = "L4";
        *count = gcp_g2_types[i].count;
        *model = "L4";
        return GCP_GPU_KNOWN;
      }

  for (guint i = 0; i < G_N_ELEMENTS (gcp_gpu_families); i++)
    if (g_str_has_prefix (type, gcp_gpu_families[i].prefix))
      {
        const char *p = type + strlen (gcp_gpu_families[i].prefix);
        guint n = 0;

        while (g_ascii_isdigit (*p) && n < 1000)
          n = n * 10 + (guint) (*p++ - '0');
        if (n == 0 || *p != 'g' || (p[1] != '\0' && p[1] != '-'))
          return GCP_GPU_UNKNOWN;
        *accel = gcp_gpu_families[i].accel;
        *count = n;
        *model = gcp_gpu_families[i].model;
        return GCP_GPU_KNOWN;
      }

  /* a2…a9 and a4x "…gpu-" families, g2…g9: accelerator-optimized */
  if (type[0] == 'a' && g_ascii_isdigit (type[1]) && strstr (type, "gpu-") != NULL)
    return GCP_GPU_UNKNOWN;
  if (type[0] == 'g' && g_ascii_isdigit (type[1]) && type[1] != '1' && type[2] == '-')
    return GCP_GPU_UNKNOWN;
  return GCP_NOT_GPU;
}

static gboolean
gcp_is_n1_gpu (const char *accel)
{
  for (guint i = 0; i < G_N_ELEMENTS (gcp_n1_gpus); i++)
    if (g_ascii_strcasecmp (accel, gcp_n1_gpus[i]) == 0)
      return TRUE;
  return FALSE;
}

void
sp_skypilot_gcp_row_clear (gpointer data)
{
  GcpRow *row = data;

  g_clear_pointer (&row->name, g_free);
  g_clear_pointer (&row->price_text, g_free);
  g_clear_pointer (&row->spot_text, g_free);
}

char *
sp_skypilot_gcp_zone_key (const GcpRow *row)
{
  return g_strconcat (row->region ? row->region : "", "/", row->zone ? row->zone : "", NULL);
}

static char *
gcp_accel_key (const GcpRow *row,
               const char   *accel,
               guint         count)
{
  char digits[16];
  char *p = digits + sizeof digits;

  /* no printf: one key per GPU row and per GPU machine (HACKING.md "Ingest") */
  *--p = '\0';
  do
    *--p = (char) ('0' + count % 10);
  while ((count /= 10) != 0);
  return g_strconcat (row->region ? row->region : "", "/", row->zone ? row->zone : "", "|",
                      accel, "|", p, NULL);
}

/* Adds the on-demand and spot offers of @host + @acc: one card-hour is
 * (host + accelerators) / count; host_price is the host's part of it. */
static void
gcp_add_pair (SpImportResult *result,
              const Ctx      *ctx,
              const GcpRow   *host,
              const GcpRow   *acc,
              const char     *id,
              const char     *name,
              const char     *gpu_model)
{
  for (guint k = 0; k < 2; k++)
    {
      gboolean spot = (k == 1);
      SpMoney host_part = spot ? host->spot : host->price;
      SpMoney acc_part = spot ? acc->spot : acc->price;
      SpMoney total, unit, host_unit;
      g_autofree char *list_price = NULL;
      char *offer_id;
      SpOffer *offer;

      if (spot && (host->spot <= 0 || acc->spot <= 0))
        break;
      if (!sp_money_add (host_part, acc_part, &total) ||
          !sp_money_muldiv (total, 1, acc->count, SP_ROUND_HALF_UP, &unit) ||
          !sp_money_muldiv (host_part, 1, acc->count, SP_ROUND_HALF_UP, &host_unit))
        {
          sp_import_result_skip (result, host->line, id, "%s", _("price is too large"));
          return;
        }
      offer_id = sp_skypilot_record_id (result, id, "", "", spot ? "/spot" : NULL);
      offer = sp_skypilot_make_offer (result, ctx, &offer_id, name,
                          spot ? SP_BILLING_SPOT : SP_BILLING_ON_DEMAND);
      offer->model = sp_import_result_strdup (result, host->name);
      offer->kind = SP_OFFER_KIND_GPU;
      offer->gpu_model = gpu_model;
      offer->gpu_count = acc->count;
      offer->gpu_memory_gb = acc->mem_gb;
      offer->vcpus_milli = host->vcpus_milli;
      offer->ram_mib = host->ram_mib;
      offer->region = host->region;
      offer->price = unit;
      offer->host = sp_text_intern (host->name);
      offer->host_price = host_unit;
      list_price = sp_money_to_string (total, 0);
      offer->list_price = sp_import_result_strdup (result, list_price);
      sp_import_result_add_record (result, host->line, offer);
    }
}

/* GCP's waiting rows of @ctx, empty */
void
sp_skypilot_gcp_ctx_init (Ctx *ctx)
{
  ctx->gcp_machines = g_array_new (FALSE, TRUE, sizeof (GcpRow));
  g_array_set_clear_func (ctx->gcp_machines, sp_skypilot_gcp_row_clear);
  ctx->gcp_accels = g_array_new (FALSE, TRUE, sizeof (GcpRow));
  g_array_set_clear_func (ctx->gcp_accels, sp_skypilot_gcp_row_clear);
  ctx->gcp_n1_hosts = g_array_new (FALSE, TRUE, sizeof (GcpRow));
  g_array_set_clear_func (ctx->gcp_n1_hosts, sp_skypilot_gcp_row_clear);
  ctx->gcp_hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* The hash holds 1-based indexes into gcp_n1_hosts (the array may have
 * moved while it grew): make them pointers once every row is read. */
static void
gcp_hosts_to_pointers (Ctx *ctx)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, ctx->gcp_hosts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_iter_replace (&iter, &g_array_index (ctx->gcp_n1_hosts, GcpRow,
                                                      GPOINTER_TO_UINT (value) - 1));
}

/* After the whole file: every GPU machine type with the accelerators of its
 * zone, then the n1-attached accelerators with GCP_N1_HOST (the n1 hosts'
 * indexes are made pointers first). */
void
sp_skypilot_gcp_pair (SpImportResult *result,
                      Ctx            *ctx)
{
  g_autoptr(GHashTable) accels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gcp_hosts_to_pointers (ctx);
  for (guint i = 0; i < ctx->gcp_accels->len; i++)
    {
      GcpRow *acc = &g_array_index (ctx->gcp_accels, GcpRow, i);

      char *key = gcp_accel_key (acc, acc->accel, acc->count);

      /* the first row of a zone, model and count wins; a repeat is reported below */
      if (g_hash_table_contains (accels, key))
        g_free (key);
      else
        g_hash_table_insert (accels, key, acc);
    }

  for (guint i = 0; i < ctx->gcp_machines->len; i++)
    {
      GcpRow *m = &g_array_index (ctx->gcp_machines, GcpRow, i);
      g_autofree char *key = gcp_accel_key (m, m->accel, m->count);
      g_autofree char *id = sp_skypilot_offer_id (m->name, m->region ? m->region : "",
                                      m->zone ? m->zone : "");
      GcpRow *acc = g_hash_table_lookup (accels, key);

      if (acc == NULL)
        {
          sp_import_result_skip (result, m->line, id, "%s",
                                 _("GPU machine type without the price of its GPUs in this zone"));
          continue;
        }
      acc->used = TRUE;
      gcp_add_pair (result, ctx, m, acc, id, m->name, m->gpu_model);
    }

  for (guint i = 0; i < ctx->gcp_accels->len; i++)
    {
      GcpRow *acc = &g_array_index (ctx->gcp_accels, GcpRow, i);
      g_autofree char *label = NULL;
      g_autofree char *id = NULL;
      g_autofree char *zone_key = NULL;
      g_autofree char *name = NULL;
      GcpRow *host;

      if (acc->used)
        continue;
      label = g_strdup_printf ("%ux%s", acc->count, acc->name);
      if (!gcp_is_n1_gpu (acc->name))
        {
          id = sp_skypilot_offer_id (label, acc->region ? acc->region : "", acc->zone ? acc->zone : "");
          sp_import_result_skip (result, acc->line, id, "%s",
                                 _("GPUs without a machine type to run on in this zone"));
          continue;
        }

      zone_key = sp_skypilot_gcp_zone_key (acc);
      host = g_hash_table_lookup (ctx->gcp_hosts, zone_key);
      {
        g_autofree char *host_label = g_strdup_printf ("%s+%s", GCP_N1_HOST, label);

        id = sp_skypilot_offer_id (host_label, acc->region ? acc->region : "", acc->zone ? acc->zone : "");
      }
      if (host == NULL)
        {
          sp_import_result_skip (result, acc->line, id,
                                 _("no price for the host machine type %s in this zone"),
                                 GCP_N1_HOST);
          continue;
        }
      /* the offer's name: host machine type + GPU count × GPU name (ids, not words) */
      name = g_strdup_printf ("%s + %u × %s", GCP_N1_HOST, acc->count, acc->name);
      acc->used = TRUE;
      gcp_add_pair (result, ctx, host, acc, id, name, acc->gpu_model);
    }
}
