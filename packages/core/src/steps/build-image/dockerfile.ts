import { spawn } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { InputError } from '../../errors';
import { parseJson } from '../../io/json';
import { makeScratchDirectory } from '../../io/scratch';
import { isLoopbackHost, parseReference } from '../../oci/reference';
import type { Logger } from '../../platform/platform';
import { interruptedBy, registerCleanup } from '../../process/interrupt';

export const imageBuilders = ['auto', 'buildah', 'docker', 'kaniko'] as const;
export type ImageBuilder = Exclude<(typeof imageBuilders)[number], 'auto'>;

/** Where kaniko's image keeps its executor (it is not on PATH there). */
export const kanikoExecutor = '/kaniko/executor';

export interface DockerfileBuild {
  dockerfile: string;
  context: string;
  labels: Record<string, string>;
  platform?: string;
  /** Registry references to push, or (layout) the OCI layout directory and its tag. */
  target: { kind: 'registry'; tags: string[] } | { kind: 'layout'; dir: string; tag: string };
  insecure: boolean;
  /** Where the builder writes the manifest digest. */
  digestFile: string;
}

/**
 * The commands that build a Dockerfile with each builder, labels included, and store the result where mlci
 * would have: pushed under every tag, or into an OCI layout. Each ends by writing the manifest digest to
 * digestFile. Plain HTTP (TLS verification off) only for loopback registries or when insecure is asked.
 */
export function builderCommands(builder: ImageBuilder, build: DockerfileBuild): string[][] {
  const labels = Object.entries(build.labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]);
  const platform = build.platform ? ['--platform', build.platform] : [];
  const plainHttp = (reference: string) => build.insecure || isLoopbackHost(parseReference(reference).host);
  const tags =
    build.target.kind === 'registry' ? build.target.tags : [`localhost/mlci-build:${build.target.tag}`];
  switch (builder) {
    case 'buildah': {
      const commands = [
        [
          'buildah',
          'build',
          '--file',
          build.dockerfile,
          ...labels,
          ...platform,
          ...tags.flatMap((tag) => ['--tag', tag]),
          build.context,
        ],
      ];
      const first = tags[0] as string;
      if (build.target.kind === 'layout')
        commands.push([
          'buildah',
          'push',
          '--digestfile',
          build.digestFile,
          first,
          `oci:${build.target.dir}:${build.target.tag}`,
        ]);
      else
        for (const tag of tags)
          commands.push([
            'buildah',
            'push',
            ...(plainHttp(tag) ? ['--tls-verify=false'] : []),
            '--digestfile',
            build.digestFile,
            tag,
            `docker://${tag}`,
          ]);
      return commands;
    }
    case 'docker': {
      const output =
        build.target.kind === 'layout'
          ? ['--output', `type=oci,dest=${build.target.dir},tar=false,name=${build.target.tag}`]
          : [
              '--output',
              `type=image,push=true${build.target.tags.some(plainHttp) ? ',registry.insecure=true' : ''}`,
            ];
      return [
        [
          'docker',
          'buildx',
          'build',
          '--file',
          build.dockerfile,
          ...labels,
          ...platform,
          ...(build.target.kind === 'registry' ? build.target.tags.flatMap((tag) => ['--tag', tag]) : []),
          ...output,
          '--metadata-file',
          `${build.digestFile}.metadata.json`,
          build.context,
        ],
      ];
    }
    case 'kaniko':
      return [
        [
          kanikoExecutor,
          '--dockerfile',
          build.dockerfile,
          '--context',
          `dir://${build.context}`,
          ...labels,
          ...(build.platform ? ['--custom-platform', build.platform] : []),
          ...(build.target.kind === 'layout'
            ? ['--no-push', '--oci-layout-path', build.target.dir]
            : [
                ...build.target.tags.flatMap((tag) => ['--destination', tag]),
                ...(build.target.tags.some(plainHttp) ? ['--insecure'] : []),
              ]),
          '--digest-file',
          build.digestFile,
        ],
      ];
  }
}

async function onPath(name: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  for (const directory of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    if (
      await access(join(directory, name)).then(
        () => true,
        () => false,
      )
    )
      return true;
  }
  return false;
}

/** The builder the runner has: buildah, then kaniko's executor, then docker (with buildx). */
export async function findBuilder(
  wanted: (typeof imageBuilders)[number],
  env: NodeJS.ProcessEnv,
): Promise<ImageBuilder> {
  if (wanted !== 'auto') return wanted;
  if (await onPath('buildah', env)) return 'buildah';
  if (
    await access(kanikoExecutor).then(
      () => true,
      () => false,
    )
  )
    return 'kaniko';
  if (await onPath('docker', env)) return 'docker';
  throw new InputError(
    'dockerfile: no image builder on this runner (buildah, kaniko or docker buildx); install one, or build without a Dockerfile (base, model, add)',
  );
}

/** How long an interrupted builder gets to stop before SIGKILL (as a train command). */
const builderGraceMs = 5000;

function run(argv: string[], cwd: string, logger: Logger): Promise<number | null> {
  logger.info(`$ ${argv.join(' ')}`);
  return new Promise((resolve, reject) => {
    // The builder's output goes to stderr: stdout stays free for --json.
    const child = spawn(argv[0] as string, argv.slice(1), {
      cwd,
      stdio: ['ignore', process.stderr, process.stderr],
    });
    const closed = new Promise<void>((done) => child.once('close', () => done()));
    // Interrupted, the builder is asked to stop (it cleans up its own containers on SIGTERM), killed if it won't.
    const stop = registerCleanup(
      async () => {
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const ended = await Promise.race([
          closed.then(() => true),
          new Promise<false>((done) => (timer = setTimeout(() => done(false), builderGraceMs))),
        ]);
        clearTimeout(timer);
        if (!ended) child.kill('SIGKILL');
        return `stopped ${argv[0]}${ended ? '' : ` (SIGKILL after ${builderGraceMs / 1000} s)`}`;
      },
      () => child.kill('SIGKILL'),
    );
    child.on('error', (error) => {
      stop.release();
      reject(error);
    });
    child.on('close', (code) => {
      if (interruptedBy() !== undefined) return; // the interrupt's cleanup takes over
      stop.release();
      resolve(code);
    });
  });
}

/** Runs the builder's commands: the manifest digest it reports, or why it failed (a failed step of the build). */
export async function buildDockerfile(
  builder: ImageBuilder,
  request: Omit<DockerfileBuild, 'digestFile'>,
  options: { cwd: string; logger: Logger },
): Promise<{ digest: string } | { failure: string }> {
  const scratch = await makeScratchDirectory(join(tmpdir(), 'mlci-dockerfile-'));
  try {
    const digestFile = join(scratch.path, 'digest');
    for (const argv of builderCommands(builder, { ...request, digestFile })) {
      const code = await run(argv, options.cwd, options.logger).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT')
          throw new InputError(`dockerfile: ${argv[0]} is not installed on this runner`);
        throw error;
      });
      if (code !== 0) return { failure: `${argv.slice(0, 2).join(' ')} exited with status ${code}` };
    }
    const digest =
      builder === 'docker'
        ? String(
            (
              parseJson(
                await readFile(`${digestFile}.metadata.json`, 'utf8'),
                `${digestFile}.metadata.json`,
              ) as Record<string, unknown>
            )['containerimage.digest'] ?? '',
          )
        : (await readFile(digestFile, 'utf8')).trim();
    if (!/^sha256:[0-9a-f]{64}$/.test(digest))
      return { failure: `${builder} reported no image digest ('${digest.slice(0, 80)}')` };
    return { digest };
  } finally {
    await scratch.remove();
  }
}
