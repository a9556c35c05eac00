def body = "*bold* and _italic_ and {{code}}"
println body.replaceAll(/\*(.+?)\*/, '$1').replaceAll(/_(.+?)_/, '$1').replaceAll(/\{\{(.+?)\}\}/, '$1')
