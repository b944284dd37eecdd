# Included by the Makefile (which defines `setup`, BIN and PATH). The embedded AWS: moto plus
# local_aws/ on 127.0.0.1, driven by the real CDK CLI. Its pid, port and log live in .local-aws/.
.PHONY: deploy-local run-local destroy-local

## deploy-local: start (or reuse) the emulator, create cdk.json's groups, cdk bootstrap + deploy,
##               then print each window, target and task as SSM's API reports them
##               SETTINGS=examples/multi-region.json [ENVIRONMENT=prod]: with deployment, one
##               environment's account stack and each of its Regions, then what each Region holds
deploy-local: setup
	$(BIN)/python -m local_aws deploy $(if $(SETTINGS),--settings $(SETTINGS)) $(if $(ENVIRONMENT),--environment $(ENVIRONMENT))

## run-local: after deploy-local, run every window of the deployed stack once, now, on the
##            emulator's fleet (the lab's: two web servers, two app servers; FLEET=file for
##            another), then print its history as `patch-window history` does (OUTPUT=json)
run-local: setup
	@$(BIN)/python -m local_aws run $(if $(FLEET),--fleet $(FLEET)) --output $(or $(OUTPUT),text)

## destroy-local: cdk destroy on the emulator, show that SSM is empty, stop the emulator
destroy-local: setup
	$(BIN)/python -m local_aws destroy
