# Writes docs/configuration-reference.md from the Metatype annotations of the bundles (run from the repository root:
# python3 releng/configuration-reference.py). ConfigurationReferenceTest checks the result against the running product.
import re,glob
configs={}
for f in sorted(glob.glob('bundles/**/*.java', recursive=True)):
    s=open(f).read()
    if '@ObjectClassDefinition' not in s: continue
    cls=re.search(r'@interface (\w+)', s).group(1)
    name=re.search(r'@ObjectClassDefinition\(name = "([^"]+)"(?:,\s*description\s*=\s*"([^"]*)")?', s, re.S)
    attrs=[]
    for m in re.finditer(r'@AttributeDefinition\((.*?)\)\s*\n\s*([\w\[\]<>]+)\s+(\w+)\(\)\s*(?:default\s+(.*?))?;', s, re.S):
        ann, typ, meth, default = m.groups()
        label=re.search(r'name\s*=\s*"([^"]*)"', ann)
        desc=re.findall(r'description\s*=\s*((?:"(?:[^"\\]|\\.)*"\s*\+?\s*)+)', ann)
        d=''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', desc[0])) if desc else ''
        key=meth.replace('$_$','-').replace('__','\x00').replace('_','.').replace('\x00','_')
        attrs.append([key, typ, (default or '').strip(), 'PASSWORD' in ann, label.group(1) if label else '', d.replace('\\"','"')])
    for m in re.finditer(r'\n\s*([\w\[\]<>]+)\s+(\w+)\(\)\s*(?:default\s+(.*?))?;', s):
        typ, meth, default = m.groups()
        key=meth.replace('$_$','-').replace('__','\x00').replace('_','.').replace('\x00','_')
        if not any(a[0]==key for a in attrs):
            attrs.append([key, typ, (default or '').strip(), False, '', ''])
    configs[cls]=(name.group(1), name.group(2) or '', attrs)
pids={}
for f in glob.glob('bundles/**/*.java', recursive=True):
    s=open(f).read()
    m=re.search(r'configurationPid\s*=\s*"([^"]+)"', s)
    d=re.search(r'@Designate\(ocd\s*=\s*(\w+)\.class(?:,\s*factory\s*=\s*(true))?', s)
    if m and d: pids[d.group(1)]=(m.group(1), bool(d.group(2)))
def default_text(typ, d):
    if d=='' : return '(required)'
    if re.fullmatch(r'[\d_]+L?', d): return '`'+d.replace('_','').rstrip('L')+'`'
    if d=='25L * 1024 * 1024': return '`26214400` (25 MB)'
    if d.startswith('"'):
        v=d[1:-1].replace('\\"','"')
        return '(empty)' if v=='' else '`'+v+'`'
    if d.startswith('{'):
        items=re.findall(r'"((?:[^"\\]|\\.)*)"', d)
        text='a list: ' + '; '.join('`'+i.replace('\\"','"')+'`' for i in items)
        return text if len(text) < 160 else 'a list of %d example entries (shown in the desk\'s form)' % len(items)
    return '`'+d+'`'
order=['org.humanchat.endpoint','org.humanchat.persistence','org.humanchat.attachments','org.humanchat.outbox','org.humanchat.brain.runtime','org.humanchat.connectors','org.humanchat.channel.webchat','org.humanchat.channel.webhook','org.humanchat.channel.whatsapp','org.humanchat.channel.telegram','org.humanchat.channel.messenger','org.humanchat.brain.rules','org.humanchat.brain.webhook','org.humanchat.brain.rasa']
bypid={pids[c][0]:(c,pids[c][1]) for c in configs if c in pids}
assert set(bypid)==set(order), set(bypid)^set(order)
extra={
 'org.humanchat.endpoint':'The launch options `--port` and `--host` (HUMANCHAT_PORT, HUMANCHAT_HOST) win over `port` and `host`. With `tlsKeystore` set the endpoint serves HTTPS only (see "HTTPS" in the README).',
 'org.humanchat.persistence':'Without a `jdbcUrl`, the system properties `humanchat.db.url`, `humanchat.db.user` and `humanchat.db.password` (e.g. in HUMANCHAT_VMARGS) are used; without those, the embedded H2 database in the data folder (`db/humanchat`).',
 'org.humanchat.connectors':'An empty `dropInFolder` is `connectors` in the data folder.',
}
examples={'host':'0.0.0.0','jdbcUrl':'jdbc:postgresql://127.0.0.1:5432/humanchat','folder':'/srv/humanchat/files','maxAttempts':'10','threads':'8','dropInFolder':'/srv/humanchat/connectors'}
out=['# Configuration reference','',
"Every setting of the desk and the server is a ConfigAdmin configuration, and each can be given as a file in the data folder's `etc/` (the desk's `~/.local/share/humanchat/etc`, the server's `~/.local/share/humanchat-server/etc`, or `$HUMANCHAT_DATA/etc`), read by Felix FileInstall at start and within 2 s of a change while running: `<PID>.cfg` for a component, `<factory PID>-<any name>.cfg` for one instance of a connector (one WhatsApp number, one Telegram bot). One `key = value` per line. Both the desk and the server read all of them. Values marked *secret* are never logged and never shown back by the desk, the admin API or the agent API.",'',
"Generated from the code's Metatype annotations (`@AttributeDefinition`); `ConfigurationReferenceTest` fails when a PID or a key of the running product is missing here.",'']
for pid in order:
    c,factory=bypid[pid]
    name,desc,attrs=configs[c]
    out.append('## `%s`: %s' % (pid, name))
    out.append('')
    kind = ('Factory: one file per instance, `%s-<name>.cfg`.' % pid) if factory else ('One file: `%s.cfg`.' % pid)
    out.append((desc.rstrip('.')+'. ' if desc else '')+kind+(' '+extra[pid] if pid in extra else ''))
    out.append('')
    out.append('| Key | Type | Default | Meaning |')
    out.append('| --- | --- | --- | --- |')
    for key,typ,d,secret,label,desc2 in attrs:
        meaning=(label+(': '+desc2 if desc2 else '')).replace('|','\\|')
        if secret: meaning+=' (*secret*)'
        dt=default_text(typ,d).replace('|','\\|')
        out.append('| `%s` | %s | %s | %s |' % (key, typ.replace('[]',' list'), dt, meaning))
    out.append('')
    ex=[]
    for key,typ,d,secret,label,desc2 in attrs:
        if d=='':
            val={'humanchat.channel.id':'3','humanchat.brain.id':'2','url':'https://bot.example.com/humanchat','baseUrl':'http://localhost:5005','phoneNumberId':'1055'}.get(key,'change-me' if secret else '...')
            ex.append('%s = %s' % (key, val))
    if not ex:
        ex.append('%s = %s' % (attrs[0][0], examples.get(attrs[0][0],'...')))
    fname=(pid+'-example.cfg') if factory else (pid+'.cfg')
    out.append('Example, `etc/%s`:' % fname)
    out.append('')
    out.append('    '+'\n    '.join(ex))
    out.append('')
open('docs/configuration-reference.md','w').write('\n'.join(out))
print(len(out))
