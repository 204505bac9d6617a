// layerlint's reader of tree-sitter trees: copies a whole tree made by the `tree-sitter` package into one typed
// array in a single call, and frees a tree once its copy is made and nothing else will read it.
//
// Without it, server/src/parse/mirror.ts walks the tree with the binding's cursor, a call from JavaScript into the
// addon for every step and every read: those calls cost about as much as the parse. Here the walk runs in C and
// JavaScript reads plain numbers.
//
// The binding gives JavaScript no handle to its tree, only the id of each node it hands out; a root node's id is
// the address of its tree's `root` member (tree-sitter's ts_tree_root_node), so the tree is found from it. This
// file is compiled with the tree-sitter runtime the binding itself was built from (node_modules/tree-sitter/vendor),
// so both agree on the layout.
#include <node_api.h>
#include <stddef.h>
#include <stdlib.h>

#include "language.h"  // tree-sitter's internal views of the grammar: aliases, fields, public symbols
#include "subtree.h"   // its internal Subtree: the walk reads them, the release frees them
#include "tree.h"      // its internal struct TSTree

// One node = 4 words, in pre-order:
//   0: symbol | field id << 16 | flags    1: start    2: end (UTF-16 code units, as the binding counts)    3: child count
#define NAMED (1u << 24)
#define MISSING (1u << 25)
// A top-level statement the caller already has a copy of (see `carry`): exported without its children.
#define CARRIED (1u << 26)

// The caller's array: the walk fills it and stops when it is full.
typedef struct {
  uint32_t *words;
  size_t length;
  size_t capacity;
} Records;

static napi_value int64(napi_env env, int64_t value) {
  napi_value result;
  napi_create_int64(env, value, &result);
  return result;
}

static napi_value fail(napi_env env, const char *message) {
  napi_throw_type_error(env, NULL, message);
  return NULL;
}

// The tree whose root node has the id given as two 32-bit halves (as the binding marshals ids).
static const TSTree *tree_of(napi_env env, napi_value low, napi_value high) {
  uint32_t parts[2];
  if (napi_get_value_uint32(env, low, &parts[0]) != napi_ok || napi_get_value_uint32(env, high, &parts[1]) != napi_ok) return NULL;
  uintptr_t id = (uintptr_t)(((uint64_t)parts[1] << 32) | parts[0]);
  if (id == 0) return NULL;
  return (const TSTree *)(id - offsetof(TSTree, root));
}

// The binding parses UTF-16LE: two bytes per code unit.
static inline uint32_t units(uint32_t bytes) { return bytes / 2; }

// Whether [start, end] is one of the sorted pairs in `carry`.
static int is_carried(const uint32_t *carry, size_t pairs, uint32_t start, uint32_t end) {
  size_t low = 0, high = pairs;
  while (low < high) {
    size_t middle = (low + high) / 2;
    if (carry[middle * 2] < start) low = middle + 1;
    else high = middle;
  }
  return low < pairs && carry[low * 2] == start && carry[low * 2 + 1] == end;
}

// One level of the walk: the children of `parent` still to visit. A hidden parent (a repetition, an inlined rule)
// lends its children to the nearest visible ancestor, `owner`, as tree-sitter's cursor does.
typedef struct {
  Subtree parent;
  const TSSymbol *aliases;
  const TSFieldMapEntry *fields;
  const TSFieldMapEntry *fields_end;
  uint32_t child;       // the next child's index
  uint32_t structural;  // ... and its index among the children that are not extras (aliases and fields count those)
  uint32_t position;    // ... and where its text starts, in bytes
  TSFieldId inherited;  // the field a hidden parent passes to its children that have none of their own
  size_t owner;         // the record whose child count the visible children add to
  uint32_t depth;       // how many visible nodes are above the children: 1 for the root's
} Level;

static int push_level(Level **levels, size_t *size, size_t *capacity, const TSLanguage *language, Subtree parent,
                      uint32_t position, TSFieldId inherited, size_t owner, uint32_t depth) {
  if (*size == *capacity) {
    size_t grown = *capacity ? *capacity * 2 : 64;
    Level *more = realloc(*levels, grown * sizeof(Level));
    if (!more) return 0;
    *levels = more;
    *capacity = grown;
  }
  Level *level = &(*levels)[(*size)++];
  uint16_t production = parent.ptr->production_id;
  *level = (Level){.parent = parent, .aliases = ts_language_alias_sequence(language, production), .position = position,
                   .inherited = inherited, .owner = owner, .depth = depth};
  ts_language_field_map(language, production, &level->fields, &level->fields_end);
  return 1;
}

static TSFieldId own_field(const Level *level, uint32_t structural) {
  for (const TSFieldMapEntry *entry = level->fields; entry < level->fields_end; entry++) {
    if (!entry->inherited && entry->child_index == structural) return entry->field_id;
  }
  return 0;
}

static int append(Records *records, uint32_t head, uint32_t start, uint32_t end) {
  if (records->length + 4 > records->capacity) return 0;
  uint32_t *record = records->words + records->length;
  record[0] = head;
  record[1] = start;
  record[2] = end;
  record[3] = 0;
  records->length += 4;
  return 1;
}

// What a walk came to.
enum { WALKED, FULL, NO_MEMORY };

// The visible nodes of `tree` in pre-order, as the binding's cursor visits them (same types, offsets and fields),
// read from tree-sitter's subtrees directly: the cursor's own bookkeeping was most of the cost of a walk with it.
static int walk(const TSTree *tree, const uint32_t *carry, size_t pairs, Records *records) {
  const TSLanguage *language = tree->language;
  Subtree root = tree->root;
  uint32_t root_start = ts_subtree_padding(root).bytes;
  uint32_t root_head = ts_language_public_symbol(language, ts_subtree_symbol(root)) | (ts_subtree_named(root) ? NAMED : 0);
  if (!append(records, root_head, units(root_start), units(root_start + ts_subtree_size(root).bytes))) return FULL;
  if (ts_subtree_child_count(root) == 0) return WALKED;
  Level *levels = NULL;
  size_t size = 0, capacity = 0;
  int result = push_level(&levels, &size, &capacity, language, root, root_start, 0, 0, 1) ? WALKED : NO_MEMORY;
  while (result == WALKED && size > 0) {
    Level *level = &levels[size - 1];
    uint32_t count = level->parent.ptr->child_count;
    if (level->child == count) {
      size--;
      continue;
    }
    const Subtree *children = ts_subtree_children(level->parent);
    Subtree child = children[level->child];
    uint32_t start = level->position;
    uint32_t end = start + ts_subtree_size(child).bytes;
    int extra = ts_subtree_extra(child);
    TSSymbol alias = 0;
    TSFieldId own = 0;
    if (!extra) {
      if (level->aliases) alias = level->aliases[level->structural];
      own = own_field(level, level->structural);
      level->structural++;
    }
    level->child++;
    level->position = end + (level->child < count ? ts_subtree_padding(children[level->child]).bytes : 0);
    // An extra node (a comment) takes no field, of its own or from a hidden parent.
    TSFieldId field = extra ? 0 : own ? own : level->inherited;
    size_t owner = level->owner;
    uint32_t depth = level->depth;
    if (ts_subtree_visible(child) || alias) {
      TSSymbol symbol = ts_language_public_symbol(language, alias ? alias : ts_subtree_symbol(child));
      int named = alias ? ts_language_symbol_metadata(language, alias).named : ts_subtree_named(child);
      uint32_t head = symbol | (named ? NAMED | ((uint32_t)field << 16) : 0) | (ts_subtree_missing(child) ? MISSING : 0);
      int skip = depth == 1 && pairs > 0 && is_carried(carry, pairs, units(start), units(end));
      if (skip) head |= CARRIED;
      size_t at = records->length;
      if (!append(records, head, units(start), units(end))) {
        result = FULL;
        break;
      }
      records->words[owner + 3]++;
      if (!skip && ts_subtree_child_count(child) > 0 && !push_level(&levels, &size, &capacity, language, child, start, 0, at, depth + 1)) result = NO_MEMORY;
    } else if (ts_subtree_visible_child_count(child) > 0) {
      if (!push_level(&levels, &size, &capacity, language, child, start, field, owner, depth)) result = NO_MEMORY;
    }
  }
  free(levels);
  return result;
}

// exportTree(rootIdLow, rootIdHigh, carry, into) → how many words of records were written into the Uint32Array
// `into`, or minus the length it needs when it is too short (it is left unread then). The caller keeps one array
// for every copy: a new array per tree was memory allocated and tracked outside V8's heap, which costs more than
// the walk. `carry` (a Uint32Array or undefined): sorted [start, end] pairs of top-level statements the caller can
// reuse when a child of the root spans exactly that range.
static napi_value export_tree(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 4) return fail(env, "exportTree(rootIdLow, rootIdHigh, carry, into): missing arguments");
  const TSTree *tree = tree_of(env, argv[0], argv[1]);
  if (!tree) return fail(env, "exportTree: the root node's id must be two non-zero 32-bit numbers");

  const uint32_t *carry = NULL;
  size_t pairs = 0;
  {
    napi_valuetype kind;
    napi_typeof(env, argv[2], &kind);
    if (kind != napi_undefined && kind != napi_null) {
      napi_typedarray_type type;
      size_t length;
      void *data;
      if (napi_get_typedarray_info(env, argv[2], &type, &length, &data, NULL, NULL) != napi_ok || type != napi_uint32_array) {
        return fail(env, "exportTree: carry must be a Uint32Array of [start, end] pairs");
      }
      carry = data;
      pairs = length / 2;
    }
  }

  const TSLanguage *language = ts_tree_language(tree);
  if (ts_language_symbol_count(language) > 0xffff || ts_language_field_count(language) > 0xff) {
    return fail(env, "exportTree: the grammar has more symbols or fields than a record holds");
  }

  napi_typedarray_type type;
  size_t capacity;
  void *into;
  if (napi_get_typedarray_info(env, argv[3], &type, &capacity, &into, NULL, NULL) != napi_ok || type != napi_uint32_array) {
    return fail(env, "exportTree: into must be a Uint32Array");
  }
  // One record per visible node at most (statements carried over are written without their nodes), a count each
  // subtree keeps. Should the walk still not fit, twice the array is asked for.
  size_t needed = 4 * (1 + (size_t)ts_subtree_visible_descendant_count(tree->root));
  if (needed > capacity) return int64(env, -(int64_t)needed);
  Records records = {.words = into, .capacity = capacity};
  switch (walk(tree, carry, pairs, &records)) {
    case WALKED: return int64(env, (int64_t)records.length);
    case FULL: return int64(env, -2 * (int64_t)capacity);
    default: napi_throw_error(env, NULL, "exportTree: out of memory"); return NULL;
  }
}

// vocabulary(rootIdLow, rootIdHigh) → { types, named, fields }: the names the records' symbol and field ids stand for.
static napi_value vocabulary(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  const TSTree *tree = argc == 2 ? tree_of(env, argv[0], argv[1]) : NULL;
  if (!tree) return fail(env, "vocabulary(rootIdLow, rootIdHigh): missing the root node's id");
  const TSLanguage *language = ts_tree_language(tree);
  napi_value result, types, named, fields;
  napi_create_object(env, &result);
  uint32_t symbols = ts_language_symbol_count(language);
  napi_create_array_with_length(env, symbols, &types);
  napi_create_array_with_length(env, symbols, &named);
  for (uint32_t symbol = 0; symbol <= symbols; symbol++) {
    // After the grammar's own symbols: ERROR, whose id is the largest a symbol can have.
    TSSymbol id = symbol < symbols ? (TSSymbol)symbol : (TSSymbol)-1;
    napi_value name, is_named;
    napi_create_string_utf8(env, ts_language_symbol_name(language, id), NAPI_AUTO_LENGTH, &name);
    napi_get_boolean(env, ts_language_symbol_type(language, id) == TSSymbolTypeRegular, &is_named);
    napi_set_element(env, types, id, name);
    napi_set_element(env, named, id, is_named);
  }
  uint32_t field_count = ts_language_field_count(language);
  napi_create_array_with_length(env, field_count + 1, &fields);
  for (uint32_t field = 1; field <= field_count; field++) {
    napi_value name;
    napi_create_string_utf8(env, ts_language_field_name_for_id(language, (TSFieldId)field), NAPI_AUTO_LENGTH, &name);
    napi_set_element(env, fields, field, name);
  }
  napi_set_named_property(env, result, "types", types);
  napi_set_named_property(env, result, "named", named);
  napi_set_named_property(env, result, "fields", fields);
  return result;
}

// releaseTree(rootIdLow, rootIdHigh): frees the tree's nodes now. The binding frees a tree only when V8 collects its
// wrapper, which a loop over many files gives no chance to happen: a check of 1,500 files held 380 MB of trees. The
// root is left as an empty inline subtree, which the binding's own delete later skips; the caller must not read the
// binding's tree or its nodes again.
static napi_value release_tree(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  TSTree *tree = argc == 2 ? (TSTree *)tree_of(env, argv[0], argv[1]) : NULL;
  if (!tree) return fail(env, "releaseTree(rootIdLow, rootIdHigh): missing the root node's id");
  SubtreePool pool = ts_subtree_pool_new(0);
  ts_subtree_release(&pool, tree->root);
  ts_subtree_pool_delete(&pool);
  tree->root = (Subtree){.data = {.is_inline = true}};
  return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor methods[] = {
      {"exportTree", NULL, export_tree, NULL, NULL, NULL, napi_default, NULL},
      {"vocabulary", NULL, vocabulary, NULL, NULL, NULL, napi_default, NULL},
      {"releaseTree", NULL, release_tree, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, 3, methods);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
