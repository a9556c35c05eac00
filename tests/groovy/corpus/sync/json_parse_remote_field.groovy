import groovy.json.JsonSlurper
def raw = '{"sla": {"remaining": 12, "unit": "h"}, "tags": ["vip"]}'
def parsed = new JsonSlurper().parseText(raw)
println "${parsed.sla.remaining}${parsed.sla.unit} left" + (parsed.tags.contains("vip") ? " (VIP)" : "")
