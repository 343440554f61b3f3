package org.tunebench.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layers of docs/ARCHITECTURE.md: arrows point down only (JabRef's CommonArchitectureTest style). */
class LayerArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll static void load() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.tunebench");
  }

  @Test void apiDependsOnTheJdkOnly() {
    noClasses().that().resideInAPackage("org.tunebench.api..")
        .should().dependOnClassesThat().resideOutsideOfPackages("org.tunebench.api..", "java..")
        .because("Trainable projects compile against the api jar alone, with no dependencies")
        .check(classes);
  }

  @Test void modelKnowsNoEngineStoreOrGui() {
    noClasses().that().resideInAPackage("org.tunebench.model..")
        .should().dependOnClassesThat().resideInAnyPackage("org.tunebench.engine..", "org.tunebench.store..",
            "org.tunebench.ui..", "org.tunebench.cli..", "org.tunebench.app..", "org.tunebench.worker..")
        .because("the model is plain values that every layer shares")
        .check(classes);
  }

  @Test void engineDoesNotUseGuiStoreOrCli() {
    noClasses().that().resideInAPackage("org.tunebench.engine..")
        .should().dependOnClassesThat().resideInAnyPackage("org.tunebench.ui..", "org.tunebench.cli..",
            "org.tunebench.store..", "org.tunebench.app..", "javafx..")
        .because("the driver runs headless and persists through its ExperimentJournal port")
        .check(classes);
  }

  @Test void storeUsesOnlyTheEnginePortsNotItsInternals() {
    noClasses().that().resideInAPackage("org.tunebench.store..")
        .should().dependOnClassesThat().resideInAnyPackage("org.tunebench.engine.exec..",
            "org.tunebench.engine.schedule..", "org.tunebench.engine.search..", "org.tunebench.engine.stop..",
            "org.tunebench.ui..", "org.tunebench.cli..", "org.tunebench.app..", "javafx..")
        .because("the store implements the journal port and reads history; it never drives trials")
        .check(classes);
  }

  @Test void workerSeesOnlyTheApiAndTheWire() {
    noClasses().that().resideInAPackage("org.tunebench.worker..")
        .should().dependOnClassesThat().resideInAnyPackage("org.tunebench.engine..", "org.tunebench.model..",
            "org.tunebench.store..", "org.tunebench.ui..", "org.tunebench.cli..", "org.tunebench.app..", "javafx..")
        .because("a worker JVM loads user code next to the API and the wire protocol only")
        .check(classes);
  }

  @Test void logicDoesNotUseTheGui() {
    noClasses().that().resideInAnyPackage("org.tunebench.app..", "org.tunebench.store..", "org.tunebench.engine..",
            "org.tunebench.model..", "org.tunebench.wire..")
        .should().dependOnClassesThat().resideInAnyPackage("org.tunebench.ui..", "javafx..", "org.controlsfx..",
            "org.jfree..")
        .because("doNotUseGuiInLogic: everything below the GUI must run headless in the CLI and in workers")
        .check(classes);
  }

  @Test void guiDoesNotUseTheCli() {
    noClasses().that().resideInAPackage("org.tunebench.ui..")
        .should().dependOnClassesThat().resideInAPackage("org.tunebench.cli..")
        .because("the CLI starts the GUI, never the other way round")
        .check(classes);
  }

  @Test void clusterStaysBelowTheAppAndAboveTheExecutors() {
    noClasses().that().resideInAPackage("org.tunebench.cluster..")
        .should().dependOnClassesThat().resideInAnyPackage("org.tunebench.ui..", "org.tunebench.cli..",
            "org.tunebench.store..", "org.tunebench.app..", "javafx..")
        .because("agents and the cluster executor are one more TrialExecutor: headless, no storage of their own")
        .check(classes);
  }

  @Test void onlyTheClusterPackageTouchesHazelcast() {
    noClasses().that().resideOutsideOfPackage("org.tunebench.cluster..")
        .should().dependOnClassesThat().resideInAPackage("com.hazelcast..")
        .because("cluster mode is optional: everything else runs without a cluster (ADR 0004)")
        .check(classes);
  }
}
