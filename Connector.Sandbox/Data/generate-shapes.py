#!/usr/bin/env python3
"""Derives Data/shapes.json (the response shapes the sandbox generates) from the Connect v37 OpenAPI document.

Usage: python3 generate-shapes.py <connect-openapi-v37.yml> > shapes.json
A shape is a string "type[:enum=a|b][:fmt=f][:null]", {"@props": {...}} for an object or {"@array": shape}.
"""
import json, sys, yaml

doc = yaml.safe_load(open(sys.argv[1]))
S = doc['components']['schemas']

def shape(s, depth=0, seen=()):
    if depth > 12:
        return "string"
    if isinstance(s, dict) and '$ref' in s:
        n = s['$ref'].split('/')[-1]
        if n in seen:
            return None
        return shape(S[n], depth, seen + (n,))
    if 'allOf' in s:
        out = {'@props': {}}
        for x in s['allOf']:
            r = shape(x, depth, seen)
            if isinstance(r, dict) and '@props' in r:
                out['@props'].update(r['@props'])
        return out
    t = s.get('type')
    if t == 'array' or 'items' in s:
        return {'@array': shape(s.get('items', {}), depth + 1, seen)}
    if t == 'object' or 'properties' in s:
        # A oneOf/anyOf beside properties only constrains them (e.g. [{required: [id]}, {required: [name]}]).
        props = {}
        for k, v in (s.get('properties') or {}).items():
            r = shape(v, depth + 1, seen)
            if r is not None:
                props[k] = r
        return {'@props': props}
    if 'oneOf' in s or 'anyOf' in s:
        return shape((s.get('oneOf') or s.get('anyOf'))[0], depth, seen)
    if t is None:
        return 'any'
    r = t
    if t == 'string' and 'enum' in s and all(isinstance(e, int) for e in s['enum']):
        r = 'integer'  # the document types some integer enums (priority, rating) as string with integer literals
    if 'enum' in s:
        r += ':enum=' + '|'.join(str(e) for e in s['enum'])
    if 'format' in s:
        r += ':fmt=' + s['format']
    if s.get('nullable'):
        r += ':null'
    return r

def response(method, path, status):
    sch = doc['paths'][path][method]['responses'][str(status)]['content']['application/json']['schema']
    if sch.get('type') == 'array' and '$ref' not in sch:
        sch = sch['items']
    return shape(sch)

# collection -> (method, path, status) whose response schema the stored records follow
sources = {
    'assets': ('get', '/assets/{id}', 200),
    'requests': ('get', '/requests/{id}', 200),
    'tier_accounts': ('get', '/tier/accounts/{id}', 200),
    'tier_account_versions': ('get', '/tier/accounts/{account_id}/versions/{version}', 200),
    'tier_account_requests': ('get', '/tier/account-requests/{id}', 200),
    'tier_config_requests': ('get', '/tier/config-requests/{id}', 200),
    'tier_configs': ('get', '/tier/configs/{id}', 200),
    'subscription_requests': ('get', '/subscriptions/requests/{id}', 200),
    'subscription_assets': ('get', '/subscriptions/assets/{id}', 200),
    'subscription_attributes': ('put', '/subscriptions/requests/{id}/attributes', 200),
    'products': ('get', '/products/{product_id}', 200),
    'usage_files': ('get', '/usage/files/{id}', 200),
    'usage_records': ('get', '/usage/records/{id}', 200),
    'usage_close_results': ('post', '/usage/records/close-records', 206),
    'usage_chunks': ('get', '/usage/chunks/{id}', 200),
    'usage_reconciliations': ('get', '/usage/reconciliations/{id}', 200),
    'usage_aggregates': ('get', '/usage/aggregates', 200),
    'cases': ('get', '/helpdesk/cases/{id}', 200),
    'conversations': ('get', '/conversations/{id}', 200),
    'messages': ('get', '/conversations/{conversation_id}/messages', 200),
    'product_items': ('get', '/products/{product_product_id}/items/{verbose_id}', 200),
    'product_parameters': ('get', '/products/{product_product_id}/parameters/{parameter__verbose_id}', 200),
    'product_templates': ('get', '/products/{product_product_id}/templates/{id}', 200),
    'tier_config_approval': ('post', '/tier/config-requests/{id}/approve', 200),
}
print(json.dumps({k: response(*v) for k, v in sources.items()}, indent=1, sort_keys=False))
