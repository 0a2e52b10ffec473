/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-vendors.c — one canonical name per vendor id */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sp-vendors.h"
#include "sp-text.h"

typedef struct {
  const char *id;
  const char *name;
  const char *name_zh; /* NULL: the same in Chinese */
} VendorName;

/* Ids as the catalogs write them: OpenRouter's model prefixes, LiteLLM's
 * providers, SkyPilot's clouds and the Chinese clouds of vendor feeds. */
static const VendorName vendor_names[] = {
  /* Chinese clouds and model vendors; the model vendors of llm-prices-cn
   * (alibaba, bytedance, baidu, tencent, zhipu, xiaomi, xfyun, baichuan)
   * are named as that file names them (issue 13) */
  { "aliyun", "Alibaba Cloud", "阿里云" },
  { "alibaba", "Alibaba Qwen", "阿里通义" },
  { "dashscope", "Alibaba Cloud Model Studio", "阿里云百炼" },
  { "qwen", "Qwen", "通义千问" },
  { "tencent", "Tencent Hunyuan", "腾讯混元" },
  { "tencentcloud", "Tencent Cloud", "腾讯云" },
  { "huawei", "Huawei Cloud", "华为云" },
  { "huaweicloud", "Huawei Cloud", "华为云" },
  { "baidu", "Baidu ERNIE", "百度文心" },
  { "volcengine", "Volcengine", "火山引擎" },
  { "bytedance", "ByteDance Doubao", "字节豆包" },
  { "bytedance-seed", "ByteDance Seed", "字节跳动" },
  { "deepseek", "DeepSeek", "深度求索" },
  { "moonshot", "Moonshot AI", "月之暗面" },
  { "moonshotai", "Moonshot AI", "月之暗面" },
  { "zai", "Z.ai", "智谱" },
  { "z-ai", "Z.ai", "智谱" },
  { "zhipu", "Zhipu AI", "智谱 AI" },
  { "zhipuai", "Zhipu AI", "智谱 AI" },
  { "thudm", "THUDM", "智谱" },
  { "minimax", "MiniMax", NULL },
  { "siliconflow", "SiliconFlow", "硅基流动" },
  { "autodl", "AutoDL", NULL },
  { "stepfun", "StepFun", "阶跃星辰" },
  { "xiaomi", "Xiaomi MiMo", "小米 MiMo" },
  { "meituan", "Meituan", "美团" },
  { "kwaipilot", "Kwaipilot", "快手" },
  { "inclusionai", "inclusionAI", NULL },
  /* llm-prices-cn ids (Chinese names as that file gives them) */
  { "xfyun", "iFlytek Spark", "讯飞星火" },
  { "baichuan", "Baichuan AI", "百川智能" },
  /* model vendors and routers */
  { "openai", "OpenAI", NULL },
  { "text-completion-openai", "OpenAI", NULL },
  { "anthropic", "Anthropic", NULL },
  { "google", "Google", NULL },
  { "gemini", "Google Gemini", NULL },
  { "vertex_ai", "Google Vertex AI", NULL },
  { "x-ai", "xAI", NULL },
  { "xai", "xAI", NULL },
  { "meta-llama", "Meta", NULL },
  { "meta", "Meta", NULL },
  { "mistralai", "Mistral AI", NULL },
  { "mistral", "Mistral AI", NULL },
  { "microsoft", "Microsoft", NULL },
  { "amazon", "Amazon", NULL },
  { "bedrock", "Amazon Bedrock", NULL },
  { "bedrock_converse", "Amazon Bedrock", NULL },
  { "azure_text", "Azure OpenAI", NULL },
  { "azure_ai", "Azure AI", NULL },
  { "nvidia", "NVIDIA", NULL },
  { "cohere", "Cohere", NULL },
  { "cohere_chat", "Cohere", NULL },
  { "openrouter", "OpenRouter", NULL },
  { "groq", "Groq", NULL },
  { "fireworks_ai", "Fireworks AI", NULL },
  { "together_ai", "Together AI", NULL },
  { "deepinfra", "DeepInfra", NULL },
  { "perplexity", "Perplexity", NULL },
  { "cerebras", "Cerebras", NULL },
  { "sambanova", "SambaNova", NULL },
  { "nscale", "Nscale", NULL },
  { "ovhcloud", "OVHcloud", NULL },
  { "novita", "Novita AI", NULL },
  { "ollama", "Ollama", NULL },
  { "watsonx", "IBM watsonx", NULL },
  { "ibm-granite", "IBM", NULL },
  { "databricks", "Databricks", NULL },
  { "snowflake", "Snowflake", NULL },
  { "replicate", "Replicate", NULL },
  { "huggingface", "Hugging Face", NULL },
  { "github_copilot", "GitHub Copilot", NULL },
  { "ai21", "AI21", NULL },
  { "allenai", "AllenAI", NULL },
  { "arcee-ai", "Arcee AI", NULL },
  { "nousresearch", "Nous Research", NULL },
  /* clouds */
  { "aws", "AWS", NULL },
  { "gcp", "GCP", NULL },
  { "azure", "Azure", NULL },
  { "lambda", "Lambda", NULL },
  { "runpod", "RunPod", NULL },
  { "vast", "Vast.ai", NULL },
  { "oci", "OCI", NULL },
  { "ibm", "IBM", NULL },
  { "fluidstack", "FluidStack", NULL },
  { "paperspace", "Paperspace", NULL },
  { "cudo", "Cudo", NULL },
  { "do", "DigitalOcean", NULL },
  { "nebius", "Nebius", NULL },
  { "skypilot", "SkyPilot", NULL },
};

typedef struct {
  const char *name;    /* interned */
  const char *name_zh; /* interned or NULL */
} Names;

G_LOCK_DEFINE_STATIC (vendors);
static GHashTable *builtin;  /* id → const VendorName * */
static GHashTable *learned;  /* interned id → Names * */

static GHashTable *
builtin_table (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

      for (gsize i = 0; i < G_N_ELEMENTS (vendor_names); i++)
        g_hash_table_insert (table, (gpointer) vendor_names[i].id, (gpointer) &vendor_names[i]);
      builtin = table;
      g_once_init_leave (&done, 1);
    }
  return builtin;
}

gboolean
sp_vendor_lookup (const char  *vendor_id,
                  const char **name,
                  const char **name_zh)
{
  const VendorName *v;

  if (vendor_id == NULL)
    return FALSE;
  v = g_hash_table_lookup (builtin_table (), vendor_id);
  if (v == NULL)
    return FALSE;
  if (name != NULL)
    *name = v->name;
  if (name_zh != NULL)
    *name_zh = v->name_zh;
  return TRUE;
}

/* "fireworks_ai" -> "Fireworks Ai" */
static char *
name_from_id (const char *vendor_id)
{
  char *display = g_strdup (vendor_id);
  gboolean word_start = TRUE;

  for (char *p = display; *p; p++)
    {
      if (*p == '_' || *p == '-')
        {
          *p = ' ';
          word_start = TRUE;
        }
      else
        {
          if (word_start)
            *p = g_ascii_toupper (*p);
          word_start = FALSE;
        }
    }
  return display;
}

/* Must hold the lock.  Returns the learned names of @vendor_id, NULL when none. */
static Names *
learned_names (const char *vendor_id)
{
  if (learned == NULL)
    learned = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  return g_hash_table_lookup (learned, vendor_id);
}

/* Must hold the lock.  Returns the names learned (owned by the table). */
static Names *
learn (const char *vendor_id,
       const char *name,
       const char *name_zh)
{
  Names *n = g_new (Names, 1);

  n->name = sp_text_intern (name);
  n->name_zh = name_zh != NULL && *name_zh != '\0' ? sp_text_intern (name_zh) : NULL;
  g_hash_table_replace (learned, (gpointer) sp_text_intern (vendor_id), n);
  return n;
}

void
sp_vendor_names (const char  *vendor_id,
                 const char  *hint,
                 const char **name,
                 const char **name_zh)
{
  const char *en, *zh;
  Names *n;

  g_return_if_fail (vendor_id != NULL);
  g_return_if_fail (name != NULL && name_zh != NULL);

  if (sp_vendor_lookup (vendor_id, &en, &zh))
    {
      *name = g_intern_static_string (en);
      *name_zh = zh != NULL ? g_intern_static_string (zh) : NULL;
      return;
    }

  G_LOCK (vendors);
  n = learned_names (vendor_id);
  if (n == NULL)
    {
      g_autofree char *made = NULL;

      if (hint == NULL || *hint == '\0')
        hint = made = name_from_id (vendor_id);
      n = learn (vendor_id, hint, NULL);
    }
  *name = n->name;
  *name_zh = n->name_zh;
  G_UNLOCK (vendors);
}

void
sp_vendor_remember (const char *vendor_id,
                    const char *name,
                    const char *name_zh)
{
  Names *n;

  if (vendor_id == NULL || *vendor_id == '\0' || name == NULL || *name == '\0' ||
      sp_vendor_lookup (vendor_id, NULL, NULL))
    return;
  G_LOCK (vendors);
  n = learned_names (vendor_id);
  if (n == NULL || g_strcmp0 (n->name, name) != 0 || g_strcmp0 (n->name_zh, name_zh) != 0)
    learn (vendor_id, name, name_zh);
  G_UNLOCK (vendors);
}

void
sp_vendor_names_given (const char  *vendor_id,
                       const char  *given,
                       const char  *given_zh,
                       const char **name,
                       const char **name_zh)
{
  g_return_if_fail (vendor_id != NULL);
  g_return_if_fail (name != NULL && name_zh != NULL);

  if (given != NULL && *given != '\0' && !sp_vendor_lookup (vendor_id, NULL, NULL))
    sp_vendor_remember (vendor_id, given, given_zh);
  sp_vendor_names (vendor_id, given, name, name_zh);
  if (*name_zh == NULL && given_zh != NULL && *given_zh != '\0')
    *name_zh = sp_text_intern (given_zh);
}

const char *
sp_vendor_find_id (const char *name)
{
  if (name == NULL || *name == '\0')
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (vendor_names); i++)
    if (g_str_equal (vendor_names[i].id, name))
      return vendor_names[i].id;
  for (gsize i = 0; i < G_N_ELEMENTS (vendor_names); i++)
    if (g_str_equal (vendor_names[i].name, name) ||
        g_strcmp0 (vendor_names[i].name_zh, name) == 0)
      return vendor_names[i].id;
  return NULL;
}

gboolean
sp_vendor_ui_is_chinese (void)
{
  const char * const *langs = g_get_language_names ();

  return langs[0] != NULL && g_str_has_prefix (langs[0], "zh");
}

const char *
sp_vendor_pick_name (const char *name,
                     const char *name_zh)
{
  return name_zh != NULL && *name_zh != '\0' && sp_vendor_ui_is_chinese () ? name_zh : name;
}

const char *
sp_label_vendor (const char *vendor_id)
{
  const char *en = NULL, *zh = NULL;
  Names *n;

  if (vendor_id == NULL)
    return "";
  if (!sp_vendor_lookup (vendor_id, &en, &zh))
    {
      G_LOCK (vendors);
      n = learned_names (vendor_id);
      if (n != NULL)
        en = n->name, zh = n->name_zh;
      G_UNLOCK (vendors);
      if (en == NULL)
        return vendor_id;
    }
  return zh != NULL && sp_vendor_ui_is_chinese () ? zh : en;
}

char *
sp_label_vendors (const char * const *vendor_ids)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; vendor_ids != NULL && vendor_ids[i] != NULL; i++)
    {
      if (i > 0)
        /* Translators: between vendor names, e.g. "Alibaba Cloud, Lambda" */
        g_string_append (s, g_dpgettext2 (GETTEXT_PACKAGE, "vendors", ", "));
      g_string_append (s, sp_label_vendor (vendor_ids[i]));
    }
  return g_string_free (s, FALSE);
}
