# Used by `sam build` (template.yaml: Metadata BuildMethod makefile). SAM zips $(ARTIFACTS_DIR); the java21
# runtime puts every jar under lib/ on the classpath, so the deployment package is the shaded jar itself.
# Multi-release classes in the shaded jar only work from a jar, which is why it is not unpacked.
# Inside ./mvnw verify the jar was just built: TemplateIT sets APIGW5XX_JAR_PREBUILT=1 to avoid a nested Maven.
JAR := target/apigw-5xx-responder.jar
# The HTTP front door (FrontDoorFunction) ships its own, smaller shaded jar from the same Maven build.
FRONTDOOR_JAR := target/apigw-5xx-responder-frontdoor.jar

build-ResponderFunction:
ifeq ($(APIGW5XX_JAR_PREBUILT),)
	./run mvnw -B -q -DskipTests package
endif
	test -f $(JAR) || { echo "$(JAR) is missing: run ./mvnw -B -DskipTests package" >&2; exit 1; }
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(JAR) "$(ARTIFACTS_DIR)/lib/"

build-FrontDoorFunction:
ifeq ($(APIGW5XX_JAR_PREBUILT),)
	./run mvnw -B -q -DskipTests package
endif
	test -f $(FRONTDOOR_JAR) || { echo "$(FRONTDOOR_JAR) is missing: run ./mvnw -B -DskipTests package" >&2; exit 1; }
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(FRONTDOOR_JAR) "$(ARTIFACTS_DIR)/lib/"
