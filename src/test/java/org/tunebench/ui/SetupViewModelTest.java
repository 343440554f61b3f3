package org.tunebench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.testkit.TestJars;
import org.tunebench.ui.setup.SetupViewModel;
import org.tunebench.ui.setup.SpaceRow;

class SetupViewModelTest {
  @TempDir Path tmp;

  static final String SPEC = """
      { "name": "demo", "trainable": { "jar": "t.jar", "class": "a.B" },
        "space": { "lr": { "loguniform": [0.001, 0.5] }, "net": { "depth": { "randint": [2, 10] },
                   "act": { "choice": ["relu", "tanh"] } }, "iterations": 50 },
        "metric": "loss", "mode": "min", "numSamples": 4,
        "scheduler": { "type": "asha", "maxT": 50, "gracePeriod": 5 },
        "stop": { "training_iteration": 50 }, "maxConcurrentTrials": 2 }
      """;

  SetupViewModel loaded() throws Exception {
    Path spec = tmp.resolve("demo.json");
    Files.writeString(spec, SPEC);
    SetupViewModel vm = new SetupViewModel();
    vm.load(spec);
    return vm;
  }

  @Test void loadsASpecIntoTheFormWithDottedNames() throws Exception {
    SetupViewModel vm = loaded();
    assertEquals("demo", vm.name.get());
    assertEquals(4, vm.space.size());
    assertEquals("net.depth", vm.space.get(1).name());
    assertEquals("randint", vm.space.get(1).domainProperty().get());
    assertEquals("\"relu\", \"tanh\"", vm.space.get(2).argsProperty().get());
    assertEquals(SpaceRow.CONSTANT, vm.space.get(3).domainProperty().get());
    assertEquals("asha", vm.schedulerType.get());
    assertEquals("50", vm.schedulerParams.stream().filter(p -> p.name().equals("maxT")).findFirst().orElseThrow().value().get());
    assertEquals("training_iteration=50", vm.stop.get());
  }

  /** Two rows of one name would save one of them only; a parameter cannot also be a group. */
  @Test void aNameUsedTwiceOrAsAGroupIsAnErrorOnTheRowNotASilentLoss() throws Exception {
    SetupViewModel vm = loaded();
    vm.space.add(new SpaceRow("param5", "uniform", "0, 1"));
    SpaceRow added = vm.space.get(4);
    added.nameProperty().set("lr");
    assertEquals("name 'lr' is used by row 1 too; each parameter needs its own name", added.errorProperty().get());
    assertEquals("name 'lr' is used by row 5 too; each parameter needs its own name", vm.space.get(0).errorProperty().get());
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, vm::toJson);
    assertTrue(e.getMessage().contains("'lr' is used by row"), e.getMessage());
    added.nameProperty().set("net");
    assertEquals("'net' is a parameter (row 5) and a group ('net.depth'); rename one of them", added.errorProperty().get());
    added.nameProperty().set("momentum");
    assertNull(added.errorProperty().get());
    assertNull(vm.space.get(0).errorProperty().get(), "renaming the duplicate clears the first row too");
    assertTrue(vm.buildSpec().space().toJson().has("momentum"));
  }

  @Test void theFormRebuildsTheSameSpec() throws Exception {
    SetupViewModel vm = loaded();
    ExperimentSpec s = vm.buildSpec();
    assertEquals(4, s.numSamples());
    assertEquals(2, s.maxConcurrentTrials());
    assertEquals("asha", s.scheduler().type());
    assertEquals(50, s.scheduler().params().get("maxT").asInt());
    assertTrue(s.space().toJson().get("net").has("depth"));
  }

  @Test void severalObjectivesAreCommaSeparatedAndSurviveLoadAndSave() throws Exception {
    Path spec = tmp.resolve("two.json");
    Files.writeString(spec, SPEC.replace("\"metric\": \"loss\", \"mode\": \"min\"",
        "\"metric\": [\"loss\", \"latency_ms\"], \"mode\": [\"min\", \"max\"]").replace("\"type\": \"asha\",", "\"type\": \"asha\", \"metric\": \"loss\","));
    SetupViewModel vm = new SetupViewModel();
    vm.load(spec);
    assertEquals("loss, latency_ms", vm.metric.get());
    assertEquals("min, max", vm.mode.get());
    ExperimentSpec s = vm.buildSpec();
    assertEquals(List.of(new ExperimentSpec.Objective("loss", ExperimentSpec.Mode.MIN),
        new ExperimentSpec.Objective("latency_ms", ExperimentSpec.Mode.MAX)), s.objectives());
    // typed by hand: one mode for both
    vm.metric.set("loss,latency_ms");
    vm.mode.set("min");
    assertEquals(List.of(ExperimentSpec.Mode.MIN, ExperimentSpec.Mode.MIN),
        vm.buildSpec().objectives().stream().map(ExperimentSpec.Objective::mode).toList());
    // a count that does not match is the spec's own one-line error
    vm.mode.set("min, max, min");
    assertNull(vm.validate(null));
    assertTrue(vm.message.get().startsWith("$.mode"), vm.message.get());
    vm.metric.set("loss");
    vm.mode.set("max");
    assertEquals(ExperimentSpec.Mode.MAX, vm.buildSpec().mode());
  }

  @Test void aBadBoundIsReportedLiveWithItsPath() throws Exception {
    SetupViewModel vm = loaded();
    SpaceRow lr = vm.space.get(0);
    assertNull(lr.errorProperty().get());
    lr.argsProperty().set("0.5, 0.001");
    assertNotNull(lr.errorProperty().get());
    assertTrue(lr.errorProperty().get().contains("$.space.lr"), lr.errorProperty().get());
    assertNull(vm.validate(null));
    assertTrue(vm.message.get().contains("$.space.lr"), vm.message.get());
    lr.domainProperty().set("choice");
    assertNull(lr.errorProperty().get(), "two numbers are a valid choice");
  }

  @Test void aNonNumberNamesItsField() throws Exception {
    SetupViewModel vm = loaded();
    vm.numSamples.set("many");
    assertNull(vm.validate(null));
    assertEquals("$.numSamples: 'many' is not a number", vm.message.get());
  }

  @Test void schedulerParametersFollowTheType() {
    SetupViewModel vm = new SetupViewModel();
    vm.schedulerType.set("pbt");
    assertTrue(vm.schedulerParams.stream().anyMatch(p -> p.name().equals("perturbationInterval")));
    vm.schedulerType.set("fifo");
    assertEquals(0, vm.schedulerParams.size());
  }

  @Test void spaceEditorErrorsArePlainSentences() throws Exception {
    SetupViewModel vm = loaded();
    SpaceRow lr = vm.space.get(0);
    lr.argsProperty().set("0.001, ");
    assertEquals("$.space.lr: value 2 is missing: two commas in a row, or a comma at the end", lr.errorProperty().get());
    lr.argsProperty().set("0.001 0.1");
    assertTrue(lr.errorProperty().get().contains("has a space in it: separate values with commas"), lr.errorProperty().get());
    lr.argsProperty().set("\"relu, 0.1");
    assertEquals("$.space.lr: a quote is not closed", lr.errorProperty().get());
    lr.argsProperty().set("0.1, 1e");
    assertEquals("$.space.lr: '1e' is not a number, true/false, or text (write text as a word or in quotes)", lr.errorProperty().get());
    lr.domainProperty().set("choice");
    lr.argsProperty().set("relu, tanh");
    assertNull(lr.errorProperty().get(), "bare words are text: no quotes needed");
    assertEquals("relu", lr.json().get("choice").get(0).asText());
  }

  @Test void anEditReplacesTheShownMessageWithTheFormsCurrentState() throws Exception {
    SetupViewModel vm = loaded();
    vm.chooseJar(TestJars.build(tmp, "fixture", "fixture.jar", List.of("fixture.Scripted")));
    vm.ok("spec OK · 4 parameters");
    SpaceRow lr = vm.space.get(0);
    lr.argsProperty().set("0.5, 0.001");
    assertFalse(vm.messageOk.get(), "an edit that breaks the form is no longer OK");
    assertTrue(vm.message.get().contains("$.space.lr"), vm.message.get());
    vm.numSamples.set("many");
    lr.argsProperty().set("0.001, 0.5");
    assertEquals("$.numSamples: 'many' is not a number", vm.message.get(), "the fixed error gives way to the next one");
    vm.numSamples.set("4");
    assertEquals("", vm.message.get(), "nothing left to complain about");
    vm.numSamples.set("few");
    assertEquals("", vm.message.get(), "with nothing shown, typing brings up no message before Validate");
    vm.numSamples.set("4");
    vm.ok("spec OK · 4 parameters");
    vm.metric.set("accuracy");
    assertEquals("", vm.message.get(), "a valid edit clears an older OK: only Validate says OK again");
  }

  @Test void aFileThatIsNoJarIsAnErrorAndTheFormStopsSayingOk() throws Exception {
    SetupViewModel vm = loaded();
    Path jar = TestJars.build(tmp, "fixture", "fixture.jar", List.of("fixture.Scripted"));
    vm.chooseJar(jar);
    assertFalse(vm.jarError.get());
    vm.ok("spec OK · 4 parameters · Scripted");
    vm.chooseJar(Files.writeString(tmp.resolve("notes.jar"), "not a zip"));
    assertTrue(vm.jarError.get());
    assertEquals("not a JAR file (it cannot be opened as a zip): notes.jar", vm.jarMessage.get());
    assertEquals(vm.jarMessage.get(), vm.message.get());
    assertFalse(vm.messageOk.get());
    vm.chooseJar(jar);
    assertFalse(vm.jarError.get());
    assertEquals("", vm.message.get(), "a good JAR takes the older error away");
  }

  @Test void aJarWithoutTrainablesSaysSoPlainly() throws Exception {
    SetupViewModel vm = new SetupViewModel();
    vm.chooseJar(TestJars.build(tmp, "fixture", "empty.jar", List.of()));
    assertEquals("no trainables found", vm.jarMessage.get());
    vm.chooseJar(TestJars.build(tmp, "fixture", "fixture.jar", List.of("fixture.Scripted")));
    assertEquals("1 trainable found (class API)", vm.jarMessage.get());
  }
}
