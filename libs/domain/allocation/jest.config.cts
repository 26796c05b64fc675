module.exports = {
  displayName: 'allocation',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/domain/allocation',
};
