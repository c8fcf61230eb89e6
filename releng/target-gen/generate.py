#!/usr/bin/env python3
"""Pins the Eclipse platform closure for the target platform.

Maven's transitive resolution of Eclipse artifacts mixes stale versions (BUILD-NOTES #3).
This resolves the closure of roots.txt as one dependency graph, forces every Eclipse
artifact found in it to its newest release (a version range in dependencyManagement),
repeats until the set stops changing, then rewrites the generated section of
../humanchat.target: Tycho Maven locations with includeDependencyDepth="none" and exact versions.

Run it only to bump the platform: ./hc gen-target
"""
import os, re, subprocess, sys, tempfile, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ECLIPSE_GROUPS = ("org.eclipse.platform", "org.eclipse.emf", "org.eclipse.ecf", "org.eclipse.jdt")
# Artifacts Maven pulls in that the runtime does not want (natives for other platforms, build-time only).
EXCLUDED = re.compile(r"org\.eclipse\.swt\.(win32|cocoa|gtk\.linux\.(aarch64|ppc64le|loongarch64|riscv64))")


def roots():
    with open(os.path.join(HERE, "roots.txt")) as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


M2 = os.path.expanduser("~/.m2/repository")


def run_maven(project, workdir, out):
    with open(os.path.join(workdir, "pom.xml"), "w") as f:
        f.write(project)
    cmd = f'source "{HERE}/../env.sh" && "$HC_MVN" -q -B -f "{workdir}/pom.xml" ' \
          f'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:list -DoutputFile="{out}" -DincludeScope=runtime'
    subprocess.run(["bash", "-c", cmd], check=True)


def pom(deps, managed=(), exclude_all=False):
    excl = "<exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion></exclusions>" if exclude_all else ""
    def dep(g, a, v):
        return f"<dependency><groupId>{g}</groupId><artifactId>{a}</artifactId><version>{v}</version>{excl}</dependency>"
    return f"""<project xmlns="http://maven.apache.org/POM/4.0.0">
<modelVersion>4.0.0</modelVersion><groupId>gen</groupId><artifactId>gen</artifactId><version>1</version>
<properties><osgi.platform>gtk.linux.x86_64</osgi.platform></properties>
<dependencyManagement><dependencies>{"".join(dep(*m) for m in managed)}</dependencies></dependencyManagement>
<dependencies>{"".join(dep(*d) for d in deps)}</dependencies></project>"""


def version_key(v):
    return [int(p) if p.isdigit() else -1 for p in re.split(r"[.-]", v)]


def newest(ga_list, workdir):
    """Newest release of each artifact, read from the Maven metadata (fetched once, no transitive walk)."""
    def from_metadata(g, a):
        d = os.path.join(M2, *g.split("."), a)
        versions = set()
        if os.path.isdir(d):
            for name in os.listdir(d):
                if name.startswith("maven-metadata") and name.endswith(".xml"):
                    versions |= set(re.findall(r"<version>([0-9][^<]*)</version>", open(os.path.join(d, name)).read()))
        versions = [v for v in versions if re.fullmatch(r"[0-9]+(\.[0-9]+)*", v)]
        return max(versions, key=version_key) if versions else None
    missing = [ga for ga in ga_list if from_metadata(*ga) is None]
    if missing:
        run_maven(pom([(g, a, "[0,)") for g, a in missing], exclude_all=True), workdir, os.path.join(workdir, "m.txt"))
    return {ga: from_metadata(*ga) for ga in ga_list}


def resolve(root_ids, pins, workdir):
    out = os.path.join(workdir, "deps.txt")
    run_maven(pom([(g, a, pins[(g, a)]) for g, a in root_ids],
                  [(g, a, v) for (g, a), v in sorted(pins.items())]), workdir, out)
    found = {}
    with open(out) as f:
        for line in f:
            m = re.match(r"\s+([^:\s]+):([^:]+):jar:([^:]+):(compile|runtime)", line)
            if m and not EXCLUDED.match(m.group(2)):
                found[(m.group(1), m.group(2))] = m.group(3)
    return found


def main():
    root_ids = [tuple(r.split(":")) for r in roots()]
    with tempfile.TemporaryDirectory() as work:
        pins = newest(root_ids, work)
        while True:
            found = resolve(root_ids, pins, work)
            unpinned = [ga for ga in found if ga[0] in ECLIPSE_GROUPS and ga not in pins]
            if not unpinned:
                break
            pins.update(newest(unpinned, work))
    def unit(g, a, v):
        return (f"        <dependency><groupId>{g}</groupId><artifactId>{a}</artifactId>"
                f"<version>{v}</version><type>jar</type></dependency>")
    bundles = [ga for ga in sorted(found) if has_manifest(*ga, found[ga])]
    plain = [ga for ga in sorted(found) if ga not in bundles]
    section = [location("Eclipse platform (pinned closure)", "error",
                        [unit(*ga, found[ga]) for ga in bundles])]
    for label, bsn, picked in WRAPPED:
        units = [unit(*ga, found[ga]) for ga in plain if picked(ga)]
        section.append(location(label, "generate", units, WRAP.format(bsn=bsn)))
    target = os.path.join(HERE, "..", "humanchat.target")
    with open(target) as f:
        text = f.read()
    begin, end_marker = "<!-- BEGIN generated by releng/target-gen/generate.py -->", "<!-- END generated -->"
    head, rest = text.split(begin)
    _, tail = rest.split(end_marker)
    with open(target, "w") as f:
        f.write(head + begin + "\n" + "".join(section) + "    " + end_marker + tail)
    print(f"pinned {len(found)} artifacts ({len(plain)} wrapped) in {os.path.normpath(target)}")


def has_manifest(g, a, v):
    jar = os.path.join(M2, *g.split("."), a, v, f"{a}-{v}.jar")
    with zipfile.ZipFile(jar) as z:
        try:
            return b"Bundle-SymbolicName" in z.read("META-INF/MANIFEST.MF")
        except KeyError:
            return False


# Jars without an OSGi manifest get one generated. org.eclipse.e4.ui.css.core requires the
# bundle org.apache.batik.css by name (BUILD-NOTES #5), so batik-css is wrapped on its own.
WRAPPED = [
    ("batik-css, wrapped under the name e4 requires", "org.apache.batik.css", lambda ga: ga[1] == "batik-css"),
    ("Plain jars of the closure, wrapped", "${mvnGroupId}.${mvnArtifactId}", lambda ga: ga[1] != "batik-css"),
]
WRAP = """
Bundle-SymbolicName: {bsn}
version: ${{version_cleanup;${{mvnVersion}}}}
Bundle-Version: ${{version}}
Import-Package: *;resolution:=optional
Export-Package: *;version="${{version}}";-noimport:=true
"""


def location(label, missing, units, instructions=None):
    extra = f"      <instructions><![CDATA[{instructions}]]></instructions>\n" if instructions else ""
    return (f'    <location type="Maven" label="{label}" includeDependencyDepth="none" '
            f'includeDependencyScopes="compile" missingManifest="{missing}" includeSource="false">\n'
            f'      <dependencies>\n' + "\n".join(units) + "\n      </dependencies>\n" + extra + "    </location>\n")


if __name__ == "__main__":
    sys.exit(main())
