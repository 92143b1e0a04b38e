package dev.stackwright.dsl;

import dev.stackwright.dsl.ClusterDsl.ImageDecl;
import dev.stackwright.Closest;
import dev.stackwright.model.Flavor;
import dev.stackwright.model.OsRelease;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The catalogue: images with the OS release each boots, CPU classes with their weights, and flavours sized within
 * what a VM can meaningfully be, so that no value derived from them (gunicorn's 2n + 1 workers, a host's RAM times its
 * count) can wrap.
 */
final class CatalogueRules {
  static final int MAX_VCPUS = 1024;
  /** Debian 12 with the cluster's services does not boot in less. */
  static final int MIN_RAM_MB = 512;
  /** 16 TiB, more than any cloud's largest flavour. */
  static final long MAX_RAM_MB = 16L * 1024 * 1024;
  static final double MAX_CPU_WEIGHT = 100;
  private static final String STANDARD_CLASS = "standard";

  /** What the catalogue holds, and every name declared in it, refused ones too (so references stay quiet). */
  record Catalogue(Set<String> images, Set<String> declaredImages, Map<String, OsRelease> releases,
      Map<String, Flavor> flavors, Set<String> declaredFlavors) {}

  private final ClusterDsl dsl;
  private final Problems problems;

  private CatalogueRules(ClusterDsl dsl, Problems problems) {
    this.dsl = dsl;
    this.problems = problems;
  }

  static Catalogue of(ClusterDsl dsl, Problems problems) {
    CatalogueRules rules = new CatalogueRules(dsl, problems);
    Set<String> images = new LinkedHashSet<>();
    Map<String, OsRelease> releases = new LinkedHashMap<>();
    rules.images(images, releases);
    Set<String> declaredImages = new HashSet<>(images);
    dsl.images.stream().map(ImageDecl::name).forEach(declaredImages::add);
    rules.cpuWeights();
    Map<String, Flavor> flavors = new LinkedHashMap<>();
    Set<String> declaredFlavors = new HashSet<>();
    for (FlavorDsl f : dsl.flavors) {
      rules.flavor(f, flavors, declaredFlavors);
    }
    return new Catalogue(images, declaredImages, releases, flavors, declaredFlavors);
  }

  private void images(Set<String> images, Map<String, OsRelease> releases) {
    if (dsl.defaultImage == null) {
      problems.missing("cluster.defaultImage", "is not set", "call cluster.defaultImage(\"debian-12\", "
          + "OsRelease.DEBIAN_12) with a Debian 12 image the cloud has");
    } else if (Texts.text(problems, "cluster.defaultImage", dsl.defaultImage, "debian-12")
        & release("cluster.defaultImage", dsl.defaultImageOs)) {
      images.add(dsl.defaultImage);
      putRelease(releases, dsl.defaultImage, dsl.defaultImageOs);
    }
    for (int i = 0; i < dsl.images.size(); i++) {
      ImageDecl image = dsl.images.get(i);
      String path = "cluster.image[" + i + "]";
      if (Texts.text(problems, path, image.name(), "debian-12") & release(path, image.os())) {
        images.add(image.name());
        putRelease(releases, image.name(), image.os());
      }
    }
  }

  private static void putRelease(Map<String, OsRelease> releases, String image, OsRelease os) {
    if (os != null) {
      releases.put(image, os);
    }
  }

  /** A release the files do not work on is refused with why; an unsaid one is Debian 12 (checked by the cloud). */
  private boolean release(String path, OsRelease os) {
    if (os == null || os.supported()) {
      return true;
    }
    problems.problem(path + ".os", os, "is " + os.title() + ", and the rendered files are written for "
        + OsRelease.TEMPLATES.title() + ": cloud-init's defer of write_files (21.4 and later), php"
        + "8.2-fpm, Python 3 Django and Celery of " + OsRelease.TEMPLATES.codename() + ", whose packages and paths "
        + os.title() + " does not have", "boot a " + OsRelease.TEMPLATES.title() + " image and declare it so, "
        + "such as cluster.defaultImage(\"debian-12\", OsRelease." + OsRelease.TEMPLATES.name() + ")");
    return false;
  }

  private void cpuWeights() {
    dsl.cpuWeights.forEach((cls, weight) -> {
      String path = "cluster.cpuWeight[" + cls + "]";
      Texts.text(problems, path, cls, "server");
      if (!(weight > 0) || weight.isInfinite()) {
        problems.problem(path, weight, "is not a positive number",
            "give the weight one vCPU of class " + cls + " counts, such as 0.5");
      } else if (weight > MAX_CPU_WEIGHT) {
        problems.problem(path, weight, "is more than a vCPU can weigh against a standard one",
            "give a weight above 0 and at most " + (int) MAX_CPU_WEIGHT + ", such as 0.5 or 1");
      }
    });
  }

  private void flavor(FlavorDsl f, Map<String, Flavor> flavors, Set<String> declared) {
    String path = "flavor[" + f.name + "]";
    if (!Texts.text(problems, path, f.name, "hpc")) {
      return;
    }
    boolean ok = declared.add(f.name);
    if (!ok) {
      problems.missing(path, "is declared twice", "declare each flavour once");
    }
    ok &= vcpus(path, f);
    ok &= ram(path, f);
    String cls = f.cpuClass == null ? STANDARD_CLASS : f.cpuClass;
    Double weight = dsl.cpuWeights.get(cls);
    if (weight == null && cls.equals(STANDARD_CLASS)) {
      weight = 1.0;
    }
    if (weight == null) {
      problems.problem(path + ".cpuClass", cls, "has no weight" + Closest.hint(cls, dsl.cpuWeights.keySet()),
          "declare it with cluster.cpuWeight(\"" + cls + "\", 1.0), or use one of " + dsl.cpuWeights.keySet());
      ok = false;
    }
    if (ok) {
      flavors.put(f.name, Flavor.builder().name(f.name).vcpus(f.vcpus).ramMb(f.ramMb.intValue()).cpuClass(cls)
          .cpuWeight(weight).build());
    }
  }

  private boolean vcpus(String path, FlavorDsl f) {
    if (f.vcpus == null) {
      problems.missing(path + ".vcpus", "is not set", "call .vcpus(2)");
    } else if (f.vcpus < 1) {
      problems.problem(path + ".vcpus", f.vcpus, "must be at least 1", "call .vcpus(1) or more");
    } else if (f.vcpus > MAX_VCPUS) {
      problems.problem(path + ".vcpus", f.vcpus, "is more vCPUs than a VM has (and the app servers' 2n + 1 "
          + "workers would wrap)", "call .vcpus(...) with the flavour's real count, at most " + MAX_VCPUS);
    } else {
      return true;
    }
    return false;
  }

  private boolean ram(String path, FlavorDsl f) {
    if (f.ramMb == null) {
      problems.missing(path + ".ram", "is not set", "call .ramGb(2) or .ramMb(2048)");
    } else if (f.ramMb < 1) {
      problems.problem(path + ".ram", f.ramWritten, "must be positive", "call .ramGb(1) or more");
    } else if (f.ramMb < MIN_RAM_MB) {
      problems.problem(path + ".ram", f.ramWritten, "is less than Debian 12 and the cluster's services boot in",
          "give at least " + MIN_RAM_MB + " MB: call .ramGb(1) or more");
    } else if (f.ramMb > MAX_RAM_MB) {
      problems.problem(path + ".ram", f.ramWritten, "is more than a flavour can have",
          "give the flavour's real size, at most " + MAX_RAM_MB + " MB (" + MAX_RAM_MB / 1024 + " GB)");
    } else {
      return true;
    }
    return false;
  }
}
