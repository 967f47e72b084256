#!/usr/bin/env python3
"""Differential test of the memory-set binary against a naive model of ../shared/spec/COMMANDS.md.

Usage: differential.py PATH/TO/memory-set [SEEDS] [COMMANDS_PER_SEED]

For each seed, generates random map / unmap / protect / find / free / areas / clear commands
(numbers in hex, decimal and K suffixes, `+SIZE` ends, `--force` and unaligned ranges), runs them
through `memory-set --json` in one piped session and compares every JSON line with what the model
expects (result, changes with their cases, errors), then the exit status. Prints the first
difference and exits 1; exits 0 when every seed matches.
"""
import json, random, subprocess, sys
PAGE=0x1000; SPACE=(0, 0x8000_0000_0000)
class Model:
    def __init__(s): s.a=[]  # (start,end,flags)
    def ov(s,lo,hi): return [x for x in s.a if x[0]<hi and lo<x[1]]
    def unmap(s,lo,hi):
        ch=[]; res=[]
        for x in s.a:
            if x[1]<=lo or x[0]>=hi or lo>=hi: res.append(x); continue
            if x[0]>=lo and x[1]<=hi: ch.append(("removed",x,[]))
            elif x[0]<lo and x[1]>hi: l=(x[0],lo,x[2]); r=(hi,x[1],x[2]); ch.append(("split",x,[l,r])); res+= [l,r]
            elif x[0]<lo: l=(x[0],lo,x[2]); ch.append(("shrink-right",x,[l])); res.append(l)
            else: r=(hi,x[1],x[2]); ch.append(("shrink-left",x,[r])); res.append(r)
        s.a=sorted(res); return ch
    def protect(s,lo,hi,f):
        ch=[]; res=[]
        for x in s.a:
            if x[1]<=lo or x[0]>=hi or lo>=hi or x[2]==f: res.append(x); continue
            p=[]
            if x[0]<lo: p.append((x[0],lo,x[2]))
            p.append((max(x[0],lo),min(x[1],hi),f))
            if x[1]>hi: p.append((hi,x[1],x[2]))
            ch.append(("protected",x,p)); res+=p
        s.a=sorted(res); return ch
def fl(f): return "".join(c if c in f else "-" for c in "rwxu")
def A(x): return {"start":hex(x[0]),"end":hex(x[1]),"flags":fl(x[2])}
def C(c): return {"case":c[0],"before":A(c[1]) if c[1] else None,"after":[A(y) for y in c[2]]}
def num(v,rng):
    r=rng.random()
    if r<0.5: return hex(v)
    if r<0.7: return str(v)
    if v%1024==0 and v>0 and r<0.85: return "%dK"%(v//1024)
    return hex(v)
def run(seed,n=3000):
    rng=random.Random(seed); m=Model(); cmds=[]; exp=[]
    for _ in range(n):
        op=rng.random()
        lo=rng.randrange(0,64)*PAGE; ln=rng.randrange(0,9)*PAGE; hi=lo+ln
        if rng.random()<0.03: lo+=rng.choice([1,0x800])
        f="".join(sorted(set(rng.choice("rwxu") for _ in range(rng.randrange(0,4))),key="rwxu".index)) or "-"
        endtxt = ("+"+num(ln,rng)) if rng.random()<0.3 else num(hi,rng)
        aligned = lo%PAGE==0 and hi%PAGE==0
        if op<0.35:
            force=rng.random()<0.4
            cmds.append("map %s %s %s%s"%(num(lo,rng),endtxt,f," --force" if force else ""))
            if not aligned or hi<=lo: exp.append({"ok":False,"cmd":"map","error":"InvalidParam"}); continue
            if m.ov(lo,hi) and not force: exp.append({"ok":False,"cmd":"map","error":"AlreadyExists"}); continue
            ch=m.unmap(lo,hi) if force else []
            m.a=sorted(m.a+[(lo,hi,f.replace("-",""))]); ch.append(("added",None,[(lo,hi,f.replace("-",""))]))
            exp.append({"ok":True,"cmd":"map","changes":[C(c) for c in ch]})
        elif op<0.55:
            cmds.append("unmap %s %s"%(num(lo,rng),endtxt))
            if not aligned: exp.append({"ok":False,"cmd":"unmap","error":"InvalidParam"}); continue
            exp.append({"ok":True,"cmd":"unmap","changes":[C(c) for c in m.unmap(lo,hi)]})
        elif op<0.75:
            cmds.append("protect %s %s %s"%(num(lo,rng),endtxt,f))
            if not aligned: exp.append({"ok":False,"cmd":"protect","error":"InvalidParam"}); continue
            exp.append({"ok":True,"cmd":"protect","changes":[C(c) for c in m.protect(lo,hi,f.replace("-",""))]})
        elif op<0.85:
            a=rng.randrange(0,70*PAGE); cmds.append("find %s"%hex(a))
            hit=[x for x in m.a if x[0]<=a<x[1]]
            exp.append({"ok":True,"cmd":"find","area":A(hit[0]) if hit else None})
        elif op<0.95:
            size=rng.randrange(1,4)*PAGE; hint=rng.randrange(0,70)*PAGE; al=rng.choice([PAGE,2*PAGE,8*PAGE])
            lim=(rng.randrange(0,40)*PAGE, rng.randrange(40,80)*PAGE)
            cmds.append("free %s --hint %s --align %s --limit %s %s"%(hex(size),hex(hint),hex(al),hex(lim[0]),hex(lim[1])))
            c=max(hint,lim[0]); res=None
            while True:
                a=(c+al-1)//al*al
                if a+size>lim[1]: break
                b=[x for x in m.a if x[0]<a+size and a<x[1]]
                if not b: res=a; break
                c=b[0][1]
            exp.append({"ok":True,"cmd":"free","address":hex(res) if res is not None else None})
        elif op<0.98:
            cmds.append("areas"); exp.append({"ok":True,"cmd":"areas","areas":[A(x) for x in m.a]})
        else:
            cmds.append("clear"); exp.append({"ok":True,"cmd":"clear","changes":[C(("removed",x,[])) for x in m.a]}); m.a=[]
    p=subprocess.run([sys.argv[1],"--json"],input="\n".join(cmds)+"\n",capture_output=True,text=True)
    got=[json.loads(l) for l in p.stdout.splitlines()]
    assert len(got)==len(exp),(len(got),len(exp))
    for i,(g,e) in enumerate(zip(got,exp)):
        gg={k:v for k,v in g.items() if k in e}
        if gg!=e:
            print("seed",seed,"line",i+1,cmds[i]); print(" got",g); print(" exp",e); return False
    want=1 if any(not e["ok"] for e in exp) else 0
    assert p.returncode==want,(p.returncode,want)
    return True
seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
count = int(sys.argv[3]) if len(sys.argv) > 3 else 3000
ok = all(run(s, count) for s in range(seeds))
print("differential: %d seeds x %d commands: %s" % (seeds, count, "OK" if ok else "FAIL"))
sys.exit(0 if ok else 1)
