package io.raftmetrics.deploy;

import java.util.List;
import java.util.Map;

/**
 * What the Dockerfile's release image promises the deployment files: its user, its command line (jar and
 * configuration file) and its environment.
 *
 * @param uid numeric user id of {@code USER}
 * @param entrypoint the exec-form ENTRYPOINT
 * @param cmd the exec-form CMD
 * @param env the ENV of the target, inherited through its stages
 */
record ImageFacts(int uid, List<String> entrypoint, List<String> cmd, Map<String, String> env) {

  static final String RELEASE_TARGET = "release";

  static ImageFacts release() {
    return of(RELEASE_TARGET);
  }

  static ImageFacts of(String target) {
    DockerfileModel d = DockerfileModel.parse(Repo.read("Dockerfile"));
    String user = d.last(target, "USER");
    return new ImageFacts(Integer.parseInt(user.split(":")[0]), DockerfileModel.execForm(d.last(target, "ENTRYPOINT")),
      DockerfileModel.execForm(d.last(target, "CMD")), d.env(target));
  }

  /** The file given to {@code -c} by the default command. */
  String configPath() {
    return cmd.get(cmd.indexOf("-c") + 1);
  }

  /** The jar the entrypoint runs. */
  String jarPath() {
    return entrypoint.get(entrypoint.indexOf("-jar") + 1);
  }
}
