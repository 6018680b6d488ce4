// Why: the version.Info Wheelhouse reports: the Kubernetes minor it follows (1.32), marked as Wheelhouse so no one mistakes it for a real apiserver.

/** Kubernetes' version.Info, as `GET /version` returns it. */
export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

/** The version this server answers with. */
export function versionInfo(platform = `${process.platform}/${process.arch === "x64" ? "amd64" : process.arch}`): VersionInfo {
  return {
    major: "1",
    minor: "32",
    gitVersion: "v1.32.0-wheelhouse",
    gitCommit: "",
    gitTreeState: "clean",
    buildDate: "2026-01-01T00:00:00Z",
    goVersion: `node${process.versions.node}`,
    compiler: "wheelhouse",
    platform,
  };
}
