"""Prints the CloudFormation template that the SAM transform makes of template.yaml, as JSON.

Used by SamTransformTest. Like `sam deploy` (which uploads the jar first), the local CodeUri is replaced by an S3
location before the transform; managed policies are not looked up (the template names none). Exit code 3 means
the aws-sam-translator package is missing, so the test can skip.
"""
import json
import os
import sys

try:
    import yaml
    from samtranslator.translator.transform import transform
except ImportError:
    sys.exit(3)


class NoManagedPolicies:
    def load(self):
        return {}


def main(path):
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    with open(path, encoding="utf-8") as source:
        template = yaml.safe_load(source)
    function_globals = template.get("Globals", {}).get("Function", {})
    if "CodeUri" in function_globals:
        function_globals["CodeUri"] = "s3://packaged-by-sam-deploy/sip-credentials-functions.jar"
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties") or {}
        if resource.get("Type") == "AWS::Serverless::Function" and "CodeUri" in properties:
            properties["CodeUri"] = "s3://packaged-by-sam-deploy/sip-credentials-functions.jar"
    json.dump(transform(template, {}, NoManagedPolicies()), sys.stdout, indent=1, default=str)


if __name__ == "__main__":
    main(sys.argv[1])
