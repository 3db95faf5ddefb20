#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  isLoopbackHost,
  parseReference
} from "./chunk-J77EQZPR.mjs";
import {
  interruptedBy,
  makeScratchDirectory,
  registerCleanup
} from "./chunk-BOL2UAYQ.mjs";
import {
  parseJson
} from "./chunk-COETP6OK.mjs";
import {
  InputError
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/steps/build-image/dockerfile.ts
import { spawn } from "node:child_process";
import { access, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
var imageBuilders = ["auto", "buildah", "docker", "kaniko"];
var kanikoExecutor = "/kaniko/executor";
function builderCommands(builder, build) {
  const labels = Object.entries(build.labels).flatMap(([key, value]) => ["--label", `${key}=${value}`]);
  const platform = build.platform ? ["--platform", build.platform] : [];
  const plainHttp = (reference) => build.insecure || isLoopbackHost(parseReference(reference).host);
  const tags = build.target.kind === "registry" ? build.target.tags : [`localhost/mlci-build:${build.target.tag}`];
  switch (builder) {
    case "buildah": {
      const commands = [
        [
          "buildah",
          "build",
          "--file",
          build.dockerfile,
          ...labels,
          ...platform,
          ...tags.flatMap((tag) => ["--tag", tag]),
          build.context
        ]
      ];
      const first = tags[0];
      if (build.target.kind === "layout")
        commands.push([
          "buildah",
          "push",
          "--digestfile",
          build.digestFile,
          first,
          `oci:${build.target.dir}:${build.target.tag}`
        ]);
      else
        for (const tag of tags)
          commands.push([
            "buildah",
            "push",
            ...plainHttp(tag) ? ["--tls-verify=false"] : [],
            "--digestfile",
            build.digestFile,
            tag,
            `docker://${tag}`
          ]);
      return commands;
    }
    case "docker": {
      const output = build.target.kind === "layout" ? ["--output", `type=oci,dest=${build.target.dir},tar=false,name=${build.target.tag}`] : [
        "--output",
        `type=image,push=true${build.target.tags.some(plainHttp) ? ",registry.insecure=true" : ""}`
      ];
      return [
        [
          "docker",
          "buildx",
          "build",
          "--file",
          build.dockerfile,
          ...labels,
          ...platform,
          ...build.target.kind === "registry" ? build.target.tags.flatMap((tag) => ["--tag", tag]) : [],
          ...output,
          "--metadata-file",
          `${build.digestFile}.metadata.json`,
          build.context
        ]
      ];
    }
    case "kaniko":
      return [
        [
          kanikoExecutor,
          "--dockerfile",
          build.dockerfile,
          "--context",
          `dir://${build.context}`,
          ...labels,
          ...build.platform ? ["--custom-platform", build.platform] : [],
          ...build.target.kind === "layout" ? ["--no-push", "--oci-layout-path", build.target.dir] : [
            ...build.target.tags.flatMap((tag) => ["--destination", tag]),
            ...build.target.tags.some(plainHttp) ? ["--insecure"] : []
          ],
          "--digest-file",
          build.digestFile
        ]
      ];
  }
}
async function onPath(name, env) {
  for (const directory of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    if (await access(join(directory, name)).then(
      () => true,
      () => false
    ))
      return true;
  }
  return false;
}
async function findBuilder(wanted, env) {
  if (wanted !== "auto") return wanted;
  if (await onPath("buildah", env)) return "buildah";
  if (await access(kanikoExecutor).then(
    () => true,
    () => false
  ))
    return "kaniko";
  if (await onPath("docker", env)) return "docker";
  throw new InputError(
    "dockerfile: no image builder on this runner (buildah, kaniko or docker buildx); install one, or build without a Dockerfile (base, model, add)"
  );
}
var builderGraceMs = 5e3;
function run(argv, cwd, logger) {
  logger.info(`$ ${argv.join(" ")}`);
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), {
      cwd,
      stdio: ["ignore", process.stderr, process.stderr]
    });
    const closed = new Promise((done) => child.once("close", () => done()));
    const stop = registerCleanup(
      async () => {
        child.kill("SIGTERM");
        let timer;
        const ended = await Promise.race([
          closed.then(() => true),
          new Promise((done) => timer = setTimeout(() => done(false), builderGraceMs))
        ]);
        clearTimeout(timer);
        if (!ended) child.kill("SIGKILL");
        return `stopped ${argv[0]}${ended ? "" : ` (SIGKILL after ${builderGraceMs / 1e3} s)`}`;
      },
      () => child.kill("SIGKILL")
    );
    child.on("error", (error) => {
      stop.release();
      reject(error);
    });
    child.on("close", (code) => {
      if (interruptedBy() !== void 0) return;
      stop.release();
      resolve(code);
    });
  });
}
async function buildDockerfile(builder, request, options) {
  const scratch = await makeScratchDirectory(join(tmpdir(), "mlci-dockerfile-"));
  try {
    const digestFile = join(scratch.path, "digest");
    for (const argv of builderCommands(builder, { ...request, digestFile })) {
      const code = await run(argv, options.cwd, options.logger).catch((error) => {
        if (error.code === "ENOENT")
          throw new InputError(`dockerfile: ${argv[0]} is not installed on this runner`);
        throw error;
      });
      if (code !== 0) return { failure: `${argv.slice(0, 2).join(" ")} exited with status ${code}` };
    }
    const digest = builder === "docker" ? String(
      parseJson(
        await readFile(`${digestFile}.metadata.json`, "utf8"),
        `${digestFile}.metadata.json`
      )["containerimage.digest"] ?? ""
    ) : (await readFile(digestFile, "utf8")).trim();
    if (!/^sha256:[0-9a-f]{64}$/.test(digest))
      return { failure: `${builder} reported no image digest ('${digest.slice(0, 80)}')` };
    return { digest };
  } finally {
    await scratch.remove();
  }
}

export {
  imageBuilders,
  kanikoExecutor,
  builderCommands,
  findBuilder,
  buildDockerfile
};
